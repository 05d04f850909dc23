import type { Context } from 'aws-lambda';
import { systemClock } from '../adapters/clock/system-clock';
import { JsonLogger } from '../adapters/logging/json-logger';
import { buildSqsQueue } from '../composition/queue';
import { buildStore } from '../composition/store';
import { loadConfig } from '../config/load';
import { HANDLERS } from '../../contract/manifest';
import { ReplayService } from '../domain/replay-service';

async function init(): Promise<{ service: ReplayService; logger: JsonLogger }> {
  const config = await loadConfig(HANDLERS.scheduler.sections);
  const logger = new JsonLogger(config.logLevel, { service: 'jml-bridge', function: 'scheduler' });
  const queue = buildSqsQueue(config.queue);
  return { service: new ReplayService(buildStore(config.store), queue, systemClock, logger), logger };
}

let ready: ReturnType<typeof init> | undefined;

/**
 * Runs on a schedule (an EventBridge rule, e.g. every 15 minutes): re-queues scheduled requests whose effective date
 * has come, a staged joiner's activation or a future leaver's deactivation.
 */
export async function handler(_event?: unknown, context?: Context): Promise<{ released: number }> {
  const coldStart = ready === undefined;
  const { service, logger } = await (ready ??= init());
  logger.startInvocation(context, coldStart);
  const released = await service.releaseDue();
  return { released: released.length };
}
