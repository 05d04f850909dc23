import { JmlRequest } from '../domain/jml-request';
import { OktaCallRecord, StepRecord } from '../domain/thread';

/** Where an executor reports what it did while applying one request. */
export interface ExecutionJournal {
  /** Await it before acting on the call's answer: the worker saves each call to the thread as it is made. */
  recordCall(call: OktaCallRecord): void | Promise<void>;
  recordStep(step: Omit<StepRecord, 'at'>): void;
  /** Set as soon as the Okta user id is known, so the thread becomes queryable by it (saved with the next call). */
  setOktaUserId(id: string): void | Promise<void>;
}

/** What happened, as far as the request is concerned. */
export type ExecutionResult =
  | {
      readonly kind: 'applied';
      readonly oktaUserId?: string;
      readonly summary: string;
      /** System Log event types that will confirm this change. */
      readonly awaiting: readonly string[];
    }
  | { readonly kind: 'staged'; readonly oktaUserId?: string; readonly summary: string; readonly dueAt: string }
  | { readonly kind: 'failed'; readonly retryable: boolean; readonly compensated: boolean; readonly summary: string };

/** Applies one JML request to Okta: through the Management API, or through an Okta Workflows flow. */
export interface LifecycleExecutor {
  apply(request: JmlRequest, context: { correlationId: string; now: Date }, journal: ExecutionJournal): Promise<ExecutionResult>;
}
