import { bucketOf, RateLimitPacer } from '../../bridge/src/adapters/okta/rate-limit-pacer';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../bridge/src/adapters/okta/retry-policy';

/** What a paced fetch has spent, per API: calls answered, 429s met, and time spent waiting for a window. */
export interface CallStats {
  calls: number;
  rateLimited: number;
  waitedMs: number;
}

export interface PacedFetchOptions {
  /** Which API the counter belongs to, e.g. `okta`. */
  readonly api: string;
  /** Called after every answered call with the API, method and path, for progress on long runs. */
  readonly onCall?: (api: string, method: string, path: string, stats: CallStats) => void;
  /** @default DEFAULT_RETRY_POLICY (the bridge's bounds: 3 waits on 429, 10 % of each bucket kept in reserve) */
  readonly policy?: RetryPolicy;
  readonly fetchImpl?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * A `fetch` that paces itself below the rate limit the way the bridge does: the bridge's `RateLimitPacer` reads
 * `X-Rate-Limit-*` headers, keeps its reserve of each bucket for other callers, and waits for the reset instead of
 * spending it. A 429 waits until the advertised reset (Okta's `X-Rate-Limit-Reset`, OPA's `X-RateLimit-Retry-At`,
 * ServiceNow's `Retry-After`) and retries, at most `maxRateLimitWaits` times.
 */
export function pacedFetch(options: PacedFetchOptions): { fetch: typeof fetch; stats: CallStats } {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const pacer = new RateLimitPacer(policy);
  const fetchImpl = options.fetchImpl ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const stats: CallStats = { calls: 0, rateLimited: 0, waitedMs: 0 };

  const paced = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = init?.method ?? 'GET';
    const bucket = bucketOf(method, url);
    for (let waits = 0; ; waits += 1) {
      const delay = pacer.delayBeforeSend(bucket);
      if (delay > 0) {
        stats.waitedMs += delay;
        await sleep(delay);
      }
      const response = await sendWithRetries(fetchImpl, url, init, method, policy, sleep);
      stats.calls += 1;
      pacer.observe(bucket, response.headers);
      options.onCall?.(options.api, method, new URL(url).pathname, stats);
      if (response.status !== 429 || waits >= policy.maxRateLimitWaits) return response;
      stats.rateLimited += 1;
      const wait = retryWaitMs(response.headers, policy) ?? pacer.waitAfter429(response.headers) ?? policy.resetPaddingMs;
      await response.arrayBuffer();
      stats.waitedMs += wait;
      await sleep(wait);
    }
  };
  return { fetch: paced as typeof fetch, stats };
}

/** `Retry-After` (seconds) or OPA's `X-RateLimit-Retry-At` (epoch seconds); undefined when neither is present. */
function retryWaitMs(headers: Headers, policy: RetryPolicy): number | undefined {
  const retryAfter = Number(headers.get('retry-after') ?? NaN);
  if (Number.isFinite(retryAfter)) return Math.min(retryAfter * 1000 + policy.resetPaddingMs, policy.maxRateLimitWaitMs);
  const retryAt = Number(headers.get('x-ratelimit-retry-at') ?? NaN);
  if (Number.isFinite(retryAt)) return Math.min(Math.max(0, retryAt * 1000 - Date.now()) + policy.resetPaddingMs, policy.maxRateLimitWaitMs);
  return undefined;
}

/**
 * One exchange; a GET that fails at the network level (a reset keep-alive socket after a long pacing wait, a
 * timeout) is retried with the bridge's full-jitter backoff, at most `maxRetries` times. Other methods are sent once.
 */
async function sendWithRetries(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit | undefined,
  method: string,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fetchImpl(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(policy.requestTimeoutMs) });
    } catch (error) {
      if (method !== 'GET' || attempt >= policy.maxRetries) throw error;
      await sleep(backoffDelayMs(policy, attempt));
    }
  }
}
