import { TableApiServiceNowClient } from '../adapters/servicenow/table-api-client';
import { ServiceNowConfig } from '../config/load';
import { ConfirmationService } from '../domain/confirmation-service';
import { RequestProcessor } from '../domain/request-processor';
import { ServiceNowWriteBack } from '../domain/servicenow-writeback';
import { Clock } from '../ports/clock';
import { LifecycleExecutor } from '../ports/lifecycle-executor';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';

export interface WorkerServices {
  readonly processor?: RequestProcessor;
  readonly confirmations: ConfirmationService;
  readonly writeBack: ServiceNowWriteBack;
}

/**
 * Wires the services behind the worker and the event hook: both close threads and both write back to ServiceNow.
 * Without an executor (the event-hook function) no processor is built, so the Okta SDK is never loaded there.
 */
export function buildWorkerServices(params: {
  store: RequestStore;
  serviceNow: ServiceNowConfig;
  clock: Clock;
  logger: Logger;
  executor?: LifecycleExecutor;
}): WorkerServices {
  const client = new TableApiServiceNowClient({ instanceUrl: params.serviceNow.instanceUrl, credentials: params.serviceNow.credentials }, params.logger);
  const writeBack = new ServiceNowWriteBack(client, params.store, params.clock, params.logger, params.serviceNow.states);
  const confirmations = new ConfirmationService(params.store, params.clock, params.logger);
  confirmations.useWriteBack(writeBack);
  const processor = params.executor ? new RequestProcessor(params.store, params.executor, writeBack, confirmations, params.clock, params.logger) : undefined;
  return { ...(processor ? { processor } : {}), confirmations, writeBack };
}
