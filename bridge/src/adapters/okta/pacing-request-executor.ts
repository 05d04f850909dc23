import { RequestExecutor } from '@okta/okta-sdk-nodejs';
import { Logger } from '../../ports/logger';
import { callContext } from './call-context';
import { bucketOf, HeaderReader, RateLimitPacer } from './rate-limit-pacer';
import { backoffDelayMs, retryDelayMs, RetryPolicy } from './retry-policy';

/** The parts of an SDK request the executor reads (see `@okta/okta-sdk-nodejs` `RequestOptions`). */
interface SdkRequest {
  url: string;
  method?: string;
}

/** The parts of a node-fetch response the executor reads. */
interface SdkResponse {
  status: number;
  headers: HeaderReader;
}

/**
 * The Okta SDK's HTTP layer, replaced (the SDK accepts a custom `requestExecutor`) to add what the default lacks:
 *
 * - every exchange, token requests included, is reported with its `X-Okta-Request-Id` to the current request's sink;
 * - calls are paced below the limit announced by `X-Rate-Limit-*`;
 * - a 429 waits until the window resets; 5xx and network errors back off with jitter; both bounded by the policy;
 * - every exchange is bounded by `requestTimeoutMs`, so an answer that never comes becomes a retried network error.
 *
 * After the last retry the final response is returned (or the network error thrown) and the SDK raises it as usual.
 * Retrying a POST that timed out can repeat a create; the lifecycle steps treat the resulting duplicate-login answer
 * as "already created" (docs/reference/okta-management-api.md §2.4).
 */
export class PacingRequestExecutor extends RequestExecutor {
  private readonly pacer: RateLimitPacer;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    super();
    this.pacer = new RateLimitPacer(policy);
  }

  override async fetch(request: Parameters<RequestExecutor['fetch']>[0]): ReturnType<RequestExecutor['fetch']> {
    const req = request as unknown as SdkRequest;
    const method = (req.method ?? 'GET').toUpperCase();
    const bucket = bucketOf(method, req.url);
    const path = new URL(req.url).pathname;
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      const paceMs = this.pacer.delayBeforeSend(bucket);
      if (paceMs > 0) {
        this.logger.info('okta.pacing', { bucket, waitMs: paceMs });
        await this.sleep(paceMs);
      }
      const started = Date.now();
      let response: Awaited<ReturnType<RequestExecutor['fetch']>>;
      try {
        // node-fetch 2 (the SDK's fetch) aborts after `timeout` ms with a FetchError, caught below as a network error.
        response = await super.fetch({ ...request, timeout: this.policy.requestTimeoutMs } as typeof request);
      } catch (error) {
        if (failures >= this.policy.maxRetries) {
          throw error;
        }
        failures += 1;
        const delay = backoffDelayMs(this.policy, failures);
        this.logger.warn('okta.network_retry', {
          method,
          path,
          attempt: failures,
          delayMs: delay,
          error: error instanceof Error ? error.message : String(error),
        });
        await this.sleep(delay);
        continue;
      }
      const res = response as unknown as SdkResponse;
      this.pacer.observe(bucket, res.headers);
      await this.report(method, path, res, started);
      if (res.status === 429 && rateLimitWaits < this.policy.maxRateLimitWaits) {
        rateLimitWaits += 1;
        // Okta says when its window resets (X-Rate-Limit-Reset); otherwise the bridge's one rule (Retry-After, backoff).
        const wait = this.pacer.waitAfter429(res.headers) ?? retryDelayMs(this.policy, rateLimitWaits, res.headers);
        this.logger.warn('okta.rate_limited', {
          method,
          path,
          waitMs: wait,
          wait: rateLimitWaits,
          oktaRequestId: res.headers.get('x-okta-request-id') ?? undefined,
        });
        await this.sleep(wait);
        continue;
      }
      if (res.status >= 500 && failures < this.policy.maxRetries) {
        failures += 1;
        const delay = retryDelayMs(this.policy, failures, res.headers);
        this.logger.warn('okta.server_error_retry', { method, path, status: res.status, attempt: failures, delayMs: delay });
        await this.sleep(delay);
        continue;
      }
      return response;
    }
  }

  /** Hands the exchange to the request's sink and waits for it, so the call is on the thread before the SDK acts on it. */
  private async report(method: string, path: string, res: SdkResponse, started: number): Promise<void> {
    const sink = callContext.getStore();
    if (!sink) {
      return;
    }
    const oktaRequestId = res.headers.get('x-okta-request-id') ?? undefined;
    await sink({
      method,
      path,
      status: res.status,
      ...(oktaRequestId ? { oktaRequestId } : {}),
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
    });
  }
}
