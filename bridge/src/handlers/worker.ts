import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
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
import type { Logger } from '../ports/logger';

async function init(): Promise<{ processor: RequestProcessor; logger: JsonLogger }> {
  const config = await loadConfig(HANDLERS.worker.sections, process.env, awsSecretReader(process.env.AWS_REGION));
  const logger = new JsonLogger(config.logLevel, { service: 'jml-bridge', function: 'worker' });
  const store = buildStore(config.store);
  const executor = buildExecutor(config.okta, await loadManagedGroups(config.managedGroups, config.store), logger);
  const { processor } = buildWorkerServices({ store, serviceNow: config.serviceNow, clock: systemClock, logger, executor });
  return { processor: processor as RequestProcessor, logger };
}

let ready: ReturnType<typeof init> | undefined;

/**
 * One SQS FIFO batch through Powertools' FIFO batch processor: records are processed one by one in order; when one
 * fails, every later record of the same message group (user) is reported failed too without being attempted
 * (`skipGroupOnError`), so SQS redelivers them in their original order behind it, while other users' records go on.
 * A batch whose every record fails is answered the same way, not thrown (`throwOnFullBatchFailure: false`), so the
 * worker-errors alarm counts crashes, not refused requests. Exported for the SQS emulator test.
 */
export function consumeBatch(event: SQSEvent, processOne: (body: string) => Promise<unknown>, logger: Logger, context?: Context): Promise<SQSBatchResponse> {
  return processPartialResponse(
    event,
    async (record: SQSRecord) => {
      try {
        await processOne(record.body);
      } catch (error) {
        logger.error('worker.record_failed', { messageId: record.messageId, error: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
    new SqsFifoPartialProcessorAsync(),
    { skipGroupOnError: true, throwOnFullBatchFailure: false, ...(context ? { context } : {}) },
  );
}

/** SQS FIFO consumer with partial batch failures (`ReportBatchItemFailures` on the event source mapping). */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  const coldStart = ready === undefined;
  const { processor, logger } = await (ready ??= init());
  logger.startInvocation(context, coldStart);
  return consumeBatch(event, (body) => processor.process(decodeMessage(body)), logger, context);
}
