/**
 * Bounds for the Okta HTTP retries. All delays are milliseconds.
 *
 * Transient failures (5xx, network errors) back off exponentially with full jitter; 429s wait until the window resets
 * (from `X-Rate-Limit-Reset`), at most `maxRateLimitWaits` times and never longer than `maxRateLimitWaitMs` each.
 */
export interface RetryPolicy {
  /** @default 3 */
  readonly maxRetries: number;
  /** @default 200 */
  readonly baseDelayMs: number;
  /** @default 5000 */
  readonly maxDelayMs: number;
  /** @default 3 */
  readonly maxRateLimitWaits: number;
  /** @default 65000 (Okta windows are 60 s) */
  readonly maxRateLimitWaitMs: number;
  /**
   * Added to the computed reset wait: `X-Rate-Limit-Reset` has one-second resolution and clocks differ.
   * @default 1000 (the Okta SDK's own margin)
   */
  readonly resetPaddingMs: number;
  /**
   * Fraction of each bucket's limit kept unused: below it the executor waits for the reset instead of sending.
   * Okta lets one OAuth app use 50% of a bucket by default; the headroom leaves room for other callers.
   * @default 0.1
   */
  readonly reserveFraction: number;
  /**
   * How long one Okta HTTP exchange (token requests included) may take, headers and body, before it is abandoned as a
   * network error and retried like one: without it a hung answer holds the worker until the Lambda timeout.
   * @default 10000
   */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRateLimitWaits: 3,
  maxRateLimitWaitMs: 65000,
  resetPaddingMs: 1000,
  reserveFraction: 0.1,
  requestTimeoutMs: 10000,
};

/** Full-jitter exponential backoff: a random delay in [0, min(max, base * 2^attempt)]. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
