/**
 * THE retry policy of the bridge's outbound HTTP (Okta through the SDK, Workflows flows, the ServiceNow Table API):
 * one set of bounds and one delay rule, {@link retryDelayMs}. All delays are milliseconds.
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

/**
 * How long the server asked to wait, from `Retry-After` (RFC 9110 section 10.2.3: delay seconds or an HTTP date);
 * undefined when absent or unreadable.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, now: number = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only the IMF-fixdate form senders must use (`Tue, 01 Dec 2026 10:00:30 GMT`); anything else is unreadable.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait before retry number `attempt` (0-based) of a transient failure: what the server's `Retry-After` asks for
 * (capped at `maxRateLimitWaitMs`, so a hostile or broken header cannot hold an invocation), otherwise the policy's
 * full-jitter backoff.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, headers?: { get(name: string): string | null }, random: () => number = Math.random): number {
  const asked = headers ? retryAfterMs(headers) : undefined;
  return asked !== undefined ? Math.min(asked, policy.maxRateLimitWaitMs) : backoffDelayMs(policy, attempt, random);
}
