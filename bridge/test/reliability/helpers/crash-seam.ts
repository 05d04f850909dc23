import { systemClock } from '../../../src/adapters/clock/system-clock';
import { buildExecutor } from '../../../src/composition/executor';
import { buildWorkerServices } from '../../../src/composition/worker-services';
import { loadConfig } from '../../../src/config/load';
import { loadManagedGroups } from '../../../src/composition/managed-groups';
import { RequestProcessor } from '../../../src/domain/request-processor';
import type { LifecycleExecutor } from '../../../src/ports/lifecycle-executor';
import type { TestStack } from '../../../dev/harness/stack';

/** Thrown where a real worker would have died: after Okta answered, before the thread record was updated. */
export class WorkerKilled extends Error {
  constructor(requestNumber: string) {
    super(`worker killed after the Okta calls of ${requestNumber}, before the record update`);
    this.name = 'WorkerKilled';
  }
}

/**
 * Replaces the stack's worker with one built from the same configuration whose executor "dies" once per request
 * right after its Okta calls have been applied, the window in which a crash loses what the worker learnt. The queue
 * then redelivers the message, as SQS would after the visibility timeout. Returns the request numbers it killed.
 */
export async function killWorkerAfterOktaCalls(stack: TestStack): Promise<Set<string>> {
  const config = await loadConfig(['store', 'managedGroups', 'okta', 'serviceNow'], stack.env);
  const logger = stack.bridge.logger;
  const real = buildExecutor(config.okta, await loadManagedGroups(config.managedGroups, config.store), logger);
  const killed = new Set<string>();
  const dying: LifecycleExecutor = {
    apply: async (request, context, journal) => {
      const result = await real.apply(request, context, journal);
      if (!killed.has(request.requestNumber)) {
        killed.add(request.requestNumber);
        throw new WorkerKilled(request.requestNumber);
      }
      return result;
    },
  };
  const services = buildWorkerServices({ store: stack.bridge.store, serviceNow: config.serviceNow, clock: systemClock, logger, executor: dying });
  const processor = services.processor as RequestProcessor;
  stack.bridge.queue.consume((message) => processor.process(message));
  return killed;
}
