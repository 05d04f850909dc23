import { RetryPolicy } from './retry-policy';

interface BucketState {
  limit: number;
  remaining: number;
  resetAtMs: number;
}

/** Minimal view of response headers (node-fetch `Headers`). */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * Paces calls below Okta's rate limits from the `X-Rate-Limit-*` headers of earlier responses.
 *
 * Okta counts per endpoint bucket; the pacer keys its state by method and the first path segments after `/api/v1`
 * (users, groups, ...), a coarser grouping than Okta's, which errs on the side of waiting. Each send consumes one unit
 * optimistically, so concurrent callers do not all spend the last units at once.
 */
export class RateLimitPacer {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly policy: RetryPolicy,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Milliseconds to wait before sending to this bucket (0 when there is headroom). */
  delayBeforeSend(bucket: string): number {
    const state = this.buckets.get(bucket);
    if (!state) {
      return 0;
    }
    const now = this.now();
    if (now >= state.resetAtMs) {
      this.buckets.delete(bucket);
      return 0;
    }
    const reserve = Math.ceil(state.limit * this.policy.reserveFraction);
    if (state.remaining > reserve) {
      state.remaining -= 1;
      return 0;
    }
    return Math.min(state.resetAtMs - now + this.policy.resetPaddingMs, this.policy.maxRateLimitWaitMs);
  }

  /** Updates the bucket from a response; ignores responses without complete, single-valued headers. */
  observe(bucket: string, headers: HeaderReader): void {
    const limit = numberHeader(headers, 'x-rate-limit-limit');
    const remaining = numberHeader(headers, 'x-rate-limit-remaining');
    const resetAtMs = resetAtMsOf(headers, this.now());
    if (limit === undefined || remaining === undefined || resetAtMs === undefined) {
      return;
    }
    this.buckets.set(bucket, { limit, remaining, resetAtMs });
  }

  /** How long to wait after a 429 before retrying: until the reset, padded and capped; undefined when unknown. */
  waitAfter429(headers: HeaderReader): number | undefined {
    const resetAtMs = resetAtMsOf(headers, this.now());
    if (resetAtMs === undefined) {
      return undefined;
    }
    return Math.min(Math.max(0, resetAtMs - this.now()) + this.policy.resetPaddingMs, this.policy.maxRateLimitWaitMs);
  }
}

/** The pacing bucket of a URL: method plus `/api/v1/<collection>` (or the path itself outside the API). */
export function bucketOf(method: string, url: string): string {
  const path = new URL(url).pathname;
  const match = /^\/api\/v1\/[^/]+/.exec(path);
  return `${method.toUpperCase()} ${match ? match[0] : path}`;
}

function numberHeader(headers: HeaderReader, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.includes(',')) {
    return undefined;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The reset instant in local-clock milliseconds. `X-Rate-Limit-Reset` is epoch seconds on Okta's clock; when the
 * response has a `Date` header the wait is computed relative to it (as the Okta SDK does), so local clock skew does not
 * matter.
 */
function resetAtMsOf(headers: HeaderReader, now: number): number | undefined {
  const reset = numberHeader(headers, 'x-rate-limit-reset');
  if (reset === undefined) {
    return undefined;
  }
  const date = headers.get('date');
  const serverNow = date ? Date.parse(date) : NaN;
  if (Number.isFinite(serverNow)) {
    return now + (reset * 1000 - serverNow);
  }
  return reset * 1000;
}
