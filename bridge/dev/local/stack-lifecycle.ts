import type { OktaSimulator, ServiceNowSimulator } from '../../../simulators';
import type { RunningBridge } from './start-bridge';

/** The parts of a local stack: the bridge with its worker, the two simulators and dynalite. */
export interface LocalStackParts {
  readonly bridge: RunningBridge;
  readonly okta: OktaSimulator;
  readonly serviceNow: ServiceNowSimulator;
  readonly dynamo: { close(): Promise<void> };
}

/**
 * Waits until nothing is left to do: the worker drains, Okta delivers the events that caused, and the bridge
 * handles those deliveries (which may write back to ServiceNow) before going idle again.
 */
export async function settleLocalStack(parts: Pick<LocalStackParts, 'bridge' | 'okta'>): Promise<void> {
  await parts.bridge.idle();
  await parts.okta.flushEventHooks();
  await parts.bridge.idle();
}

/** Stops the parts in dependency order: the bridge first, so no call reaches a stopped simulator or store. */
export async function closeLocalStack(parts: LocalStackParts): Promise<void> {
  await parts.bridge.close();
  await parts.okta.close();
  await parts.serviceNow.close();
  await parts.dynamo.close();
}
