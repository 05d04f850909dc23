import { systemClock } from '../adapters/clock/system-clock';
import { JsonLogger } from '../adapters/logging/json-logger';
import { buildSqsQueue } from '../composition/queue';
import { buildStore } from '../composition/store';
import { loadConfig } from '../config/load';
import { HANDLERS } from '../../contract/manifest';
import { ReplayService } from '../domain/replay-service';

async function init(): Promise<ReplayService> {
  const config = await loadConfig(HANDLERS.scheduler.sections);
  const logger = new JsonLogger(config.logLevel, { service: 'jml-bridge', function: 'scheduler' });
  const queue = buildSqsQueue(config.queue);
  return new ReplayService(buildStore(config.store), queue, systemClock, logger);
}

let ready: ReturnType<typeof init> | undefined;

/**
 * Runs on a schedule (an EventBridge rule, e.g. every 15 minutes): re-queues scheduled requests whose effective date
 * has come, a staged joiner's activation or a future leaver's deactivation.
 */
export async function handler(): Promise<{ released: number }> {
  const service = await (ready ??= init());
  const released = await service.releaseDue();
  return { released: released.length };
}
