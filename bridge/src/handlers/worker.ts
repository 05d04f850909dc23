import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { systemClock } from '../adapters/clock/system-clock';
import { JsonLogger } from '../adapters/logging/json-logger';
import { decodeMessage } from '../adapters/queue/message';
import { awsSecretReader } from '../adapters/secrets/secrets-manager';
import { buildExecutor } from '../composition/executor';
import { loadManagedGroups } from '../composition/managed-groups';
import { buildStore } from '../composition/store';
import { buildWorkerServices } from '../composition/worker-services';
import { loadConfig } from '../config/load';
import { HANDLERS } from '../../contract/manifest';
import { RequestProcessor } from '../domain/request-processor';
import { Logger } from '../ports/logger';

async function init(): Promise<{ processor: RequestProcessor; logger: Logger }> {
  const config = await loadConfig(HANDLERS.worker.sections, process.env, awsSecretReader(process.env.AWS_REGION));
  const logger = new JsonLogger(config.logLevel, { service: 'jml-bridge', function: 'worker' });
  const store = buildStore(config.store);
  const executor = buildExecutor(config.okta, await loadManagedGroups(config.managedGroups, config.store), logger);
  const { processor } = buildWorkerServices({ store, serviceNow: config.serviceNow, clock: systemClock, logger, executor });
  return { processor: processor as RequestProcessor, logger };
}

let ready: ReturnType<typeof init> | undefined;

/**
 * SQS FIFO consumer with partial batch failures (`ReportBatchItemFailures` on the event source mapping).
 *
 * Records are processed one by one in order. When one fails, every later record of the same message group (user) is
 * reported failed too without being attempted, so SQS redelivers them in their original order behind it.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const { processor, logger } = await (ready ??= init());
  const failures: { itemIdentifier: string }[] = [];
  const blockedGroups = new Set<string>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? record.messageId;
    if (blockedGroups.has(group)) {
      failures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await processor.process(decodeMessage(record.body));
    } catch (error) {
      logger.error('worker.record_failed', { messageId: record.messageId, error: error instanceof Error ? error.message : String(error) });
      blockedGroups.add(group);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
