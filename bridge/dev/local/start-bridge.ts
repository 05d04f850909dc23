import { systemClock } from '../../src/adapters/clock/system-clock';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { InProcessQueue } from '../in-process-queue';
import { EmulatedSqsQueue } from './emulated-sqs-queue';
import { loadManagedGroups } from '../../src/composition/managed-groups';
import { buildExecutor } from '../../src/composition/executor';
import { buildStore } from '../../src/composition/store';
import { buildWorkerServices } from '../../src/composition/worker-services';
import { loadConfig } from '../../src/config/load';
import { IntakeService } from '../../src/domain/intake-service';
import { ReplayService } from '../../src/domain/replay-service';
import { RequestProcessor } from '../../src/domain/request-processor';
import { startNodeServer } from '../../src/http/node-server';
import { createRouter } from '../../src/http/router';
import { Clock } from '../../src/ports/clock';
import { Logger } from '../../src/ports/logger';
import { RequestStore } from '../../src/ports/request-store';

export interface RunningBridge {
  /** Base URL of the HTTP server (`/v1/jml`, `/v1/okta/events`, `/health`). */
  readonly url: string;
  readonly store: RequestStore;
  /** The in-process queue, or the SQS adapter on the fauxqs emulator with the worker's batch consumer behind it. */
  readonly queue: InProcessQueue | EmulatedSqsQueue;
  readonly processor: RequestProcessor;
  readonly replay: ReplayService;
  readonly logger: Logger;
  /** Resolves when every queued request has been processed. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface StartBridgeOptions {
  /** @default 0 (the OS chooses) */
  readonly port?: number;
  /** Where log lines go. @default stdout */
  readonly logSink?: (line: string) => void;
  /** How often scheduled requests are checked for their effective date. @default - never (call `replay.releaseDue()`) */
  readonly releaseIntervalMs?: number;
  /** @default the system clock (tests move it forward to reach effective dates) */
  readonly clock?: Clock;
  /**
   * `sqs`: the real SQS FIFO adapter on the fauxqs emulator (FIFO queue + DLQ with redrive, started on loopback), with
   * pollers feeding batches to the worker's batch consumer, so deduplication, visibility and partial batches are
   * SQS's (bridge/dev/local/emulated-sqs-queue.ts). @default 'in-process'
   */
  readonly queue?: 'in-process' | 'sqs';
}

/**
 * Runs the whole bridge in one process, from the same environment variables the Lambda functions read: the HTTP server
 * (intake, event hook, health) and the worker behind a queue with per-user ordering: in-process by default, or with
 * `queue: 'sqs'` the SQS adapter on the fauxqs emulator. Used by local mode, the demo and the tests; only the queue
 * differs from AWS.
 */
export async function startBridge(env: NodeJS.ProcessEnv, options: StartBridgeOptions = {}): Promise<RunningBridge> {
  const clock = options.clock ?? systemClock;
  const config = await loadConfig(['store', 'managedGroups', 'intake', 'eventHook', 'okta', 'serviceNow'], env);
  const logger = new JsonLogger(config.logLevel, { service: 'jml-bridge' }, options.logSink);
  const store = buildStore(config.store, logger);
  const queue = options.queue === 'sqs' ? await EmulatedSqsQueue.start(logger) : new InProcessQueue(logger);
  const managedGroups = await loadManagedGroups(config.managedGroups, config.store);
  const executor = buildExecutor(config.okta, managedGroups, logger);
  const services = buildWorkerServices({ store, serviceNow: config.serviceNow, clock, logger, executor });
  const processor = services.processor as RequestProcessor;
  queue.consume((message) => processor.process(message));
  const replay = new ReplayService(store, queue, clock, logger);
  const router = createRouter({
    intake: {
      intake: new IntakeService(store, queue, clock, logger),
      managedGroups,
      signingKeys: config.intake.signingKeys,
      toleranceSeconds: config.intake.toleranceSeconds,
      nowSeconds: () => Math.floor(clock.now() / 1000),
      logger,
    },
    eventHook: { confirmations: services.confirmations, headerName: config.eventHook.headerName, secret: config.eventHook.secret, logger },
    executor: config.okta.executor,
    logger,
  });
  const server = await startNodeServer(router, { port: options.port ?? 0, bodyLimitBytes: config.intake.bodyLimitBytes });
  const timer = options.releaseIntervalMs
    ? setInterval(() => {
        replay.releaseDue().catch((error: unknown) => logger.error('scheduler.failed', { error: error instanceof Error ? error.message : String(error) }));
      }, options.releaseIntervalMs)
    : undefined;
  timer?.unref();
  return {
    url: server.url,
    store,
    queue,
    processor,
    replay,
    logger,
    idle: () => queue.idle(),
    close: async () => {
      if (timer) {
        clearInterval(timer);
      }
      await queue.idle();
      await server.close();
      if (queue instanceof EmulatedSqsQueue) {
        await queue.close();
      }
    },
  };
}
