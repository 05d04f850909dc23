import { JmlAction, JmlRequest } from '../../domain/jml-request';
import { ExecutionJournal, ExecutionResult, LifecycleExecutor } from '../../ports/lifecycle-executor';
import { Logger } from '../../ports/logger';
import { retryDelayMs, RetryPolicy } from '../okta/retry-policy';

/** How the bridge proves itself to the flow's API endpoint (docs/reference/okta-workflows.md §1.1). */
export type WorkflowsAuth = { readonly type: 'oauth'; readonly token: () => Promise<string> } | { readonly type: 'client-token'; readonly clientToken: string };

export interface WorkflowsExecutorOptions {
  /** Invoke URL per action, copied from each flow's API Endpoint card (never constructed: docs/reference/okta-workflows.md §1.2). */
  readonly flowUrls: Readonly<Record<JmlAction, string>>;
  readonly auth: WorkflowsAuth;
  readonly retry: RetryPolicy;
  /** @default 55000 (Workflows closes the connection at 60 s) */
  readonly timeoutMs?: number;
}

/**
 * What a bridge flow returns (a Return card, or Return Raw with JSON). The flow does the Okta work itself; it should
 * report the Okta user id, the System Log event types that will confirm its change, and, when it has them, the
 * X-Okta-Request-Ids of its Okta calls so the event hook can close the thread.
 */
interface FlowAnswer {
  readonly oktaUserId?: string;
  readonly summary?: string;
  readonly awaiting?: readonly string[];
  readonly oktaRequestIds?: readonly string[];
}

/**
 * {@link LifecycleExecutor} that hands each request to an Okta Workflows API-endpoint flow, one flow per action.
 *
 * The body carries the correlation id, which the flow must use as its idempotency key: a retry after a timeout can
 * run the flow twice (docs/reference/okta-workflows.md §1.3). 429s (10 invocations per second per flow) and 5xx are retried within the policy.
 */
export class WorkflowsExecutor implements LifecycleExecutor {
  constructor(
    private readonly options: WorkflowsExecutorOptions,
    private readonly logger: Logger,
  ) {}

  async apply(request: JmlRequest, context: { correlationId: string }, journal: ExecutionJournal): Promise<ExecutionResult> {
    const url = this.options.flowUrls[request.action];
    const path = new URL(url).pathname;
    const body = JSON.stringify({ correlationId: context.correlationId, ...request });
    const policy = this.options.retry;
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      let status = 0;
      let text = '';
      let responseHeaders: Headers | undefined;
      try {
        const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
        if (this.options.auth.type === 'oauth') {
          headers.authorization = `Bearer ${await this.options.auth.token()}`;
        } else {
          headers['x-api-client-token'] = this.options.auth.clientToken;
        }
        const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 55000) });
        status = response.status;
        text = await response.text();
        const requestId = response.headers.get('x-okta-request-id') ?? undefined;
        await journal.recordCall({
          method: 'POST',
          path,
          status,
          ...(requestId ? { oktaRequestId: requestId } : {}),
          at: new Date(started).toISOString(),
          durationMs: Date.now() - started,
        });
        responseHeaders = response.headers;
      } catch (error) {
        text = error instanceof Error ? error.message : String(error);
      }
      if (status >= 200 && status < 300) {
        return this.applied(request, text, journal);
      }
      const transient = status === 0 || status === 429 || status >= 500;
      if (transient && attempt < policy.maxRetries) {
        const delay = retryDelayMs(policy, attempt + 1, responseHeaders);
        this.logger.warn('workflows.retry', { action: request.action, status, attempt: attempt + 1, delayMs: delay });
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      const detail = `flow for ${request.action} answered ${status || 'no response'}: ${text.slice(0, 300)}`;
      journal.recordStep({ step: `invoke ${request.action} flow`, outcome: 'failed', detail });
      return {
        kind: 'failed',
        retryable: transient,
        compensated: false,
        summary: transient ? `${detail}; replay once Workflows recovers` : `${detail}; the flow refused the request, fix it in Workflows or in the request`,
      };
    }
  }

  private async applied(request: JmlRequest, text: string, journal: ExecutionJournal): Promise<ExecutionResult> {
    let answer: FlowAnswer = {};
    try {
      answer = text ? (JSON.parse(text) as FlowAnswer) : {};
    } catch {
      answer = { summary: 'the flow answered with a non-JSON body' };
    }
    if (answer.oktaUserId) {
      await journal.setOktaUserId(answer.oktaUserId);
    }
    for (const oktaRequestId of answer.oktaRequestIds ?? []) {
      await journal.recordCall({
        method: 'FLOW',
        path: `reported by the ${request.action} flow`,
        status: 200,
        oktaRequestId,
        at: new Date().toISOString(),
        durationMs: 0,
      });
    }
    const summary = answer.summary ?? `${request.action} flow completed`;
    journal.recordStep({ step: `invoke ${request.action} flow`, outcome: 'done', detail: summary });
    const canConfirm = (answer.oktaRequestIds ?? []).length > 0;
    return {
      kind: 'applied',
      ...(answer.oktaUserId ? { oktaUserId: answer.oktaUserId } : {}),
      summary,
      awaiting: canConfirm ? [...(answer.awaiting ?? [])] : [],
    };
  }
}
