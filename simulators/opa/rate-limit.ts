import { OpaError } from './errors';

/**
 * A fixed-window request budget. OPA answers over-limit calls with 429 and `X-RateLimit-Retry-At` (unix seconds),
 * which the oktapam client honours; OPA documents no limits, so the budget is the test's choice.
 */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(
    private readonly limit = Infinity,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; throws the 429 when the window's budget is spent. */
  take(now = Date.now()): void {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used += 1;
    if (this.used > this.limit) throw rateLimited(this.windowStart + this.windowMs);
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }
}

/** The 429 OPA sends: retry at `retryAtMs` (rounded up to whole unix seconds). */
export function rateLimited(retryAtMs: number): OpaError {
  const retryAt = Math.ceil(retryAtMs / 1000);
  return new OpaError(429, 'rate_limited', `too many requests; retry at ${new Date(retryAt * 1000).toISOString()}`, {
    'X-RateLimit-Retry-At': String(retryAt),
  });
}
