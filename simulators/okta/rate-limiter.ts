/**
 * Per-bucket request counters with Okta's rate-limit headers, per docs/reference/okta-management-api.md §2.6: fixed windows that start with
 * the first request of the bucket (Okta says counters reset about every 60 s, not aligned to wall-clock minutes).
 */

/** The simulated buckets. Lifecycle and membership paths have no published bucket; see README. */
export type RateLimitBucket = 'users-create-list' | 'user-get' | 'user-update' | 'groups-create-list' | 'group-by-id' | 'oauth2-token' | 'other';

/** Workforce column of the reference table (per minute); the token bucket is not in the reference (assumed). */
export const WORKFORCE_LIMITS: Readonly<Record<RateLimitBucket, number>> = {
  'users-create-list': 600,
  'user-get': 2000,
  'user-update': 600,
  'groups-create-list': 500,
  'group-by-id': 1000,
  'oauth2-token': 600,
  other: 1200,
};

export interface RateLimitOptions {
  /** Window length. Okta's is about 60 s; tests use a few hundred ms. @default 60000 */
  readonly windowMs?: number;
  /** Multiplies every default limit (e.g. 0.01 to hit limits quickly); rounded up, at least 1. @default 1 */
  readonly scale?: number;
  /** Absolute per-window limits that override the scaled defaults. @default - WORKFORCE_LIMITS scaled */
  readonly limits?: Partial<Record<RateLimitBucket, number>>;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
}

interface Window {
  startedAt: number;
  used: number;
}

export class RateLimiter {
  private readonly windowMs: number;
  private readonly limits: Record<RateLimitBucket, number>;
  private readonly windows = new Map<RateLimitBucket, Window>();

  constructor(options: RateLimitOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    if (!(this.windowMs > 0)) {
      throw new Error(`rateLimits.windowMs must be > 0, but ${String(options.windowMs)} was provided`);
    }
    const scale = options.scale ?? 1;
    if (!(scale > 0)) {
      throw new Error(`rateLimits.scale must be > 0, but ${String(options.scale)} was provided`);
    }
    const limits = {} as Record<RateLimitBucket, number>;
    for (const bucket of Object.keys(WORKFORCE_LIMITS) as RateLimitBucket[]) {
      const override = options.limits?.[bucket];
      if (override !== undefined && !(Number.isInteger(override) && override > 0)) {
        throw new Error(`rateLimits.limits.${bucket} must be a positive integer, but ${String(override)} was provided`);
      }
      limits[bucket] = override ?? Math.max(1, Math.ceil(WORKFORCE_LIMITS[bucket] * scale));
    }
    this.limits = limits;
  }

  /** The configured per-window limit of a bucket. */
  limitOf(bucket: RateLimitBucket): number {
    return this.limits[bucket];
  }

  /** Counts one request against the bucket and returns whether it may proceed, with the headers to send. */
  consume(bucket: RateLimitBucket, now = Date.now()): RateLimitDecision {
    const window = this.currentWindow(bucket, now);
    const limit = this.limits[bucket];
    const allowed = window.used < limit;
    if (allowed) {
      window.used += 1;
    }
    return { allowed, headers: this.headersFor(bucket, window, now) };
  }

  /** Headers advertising an exhausted bucket, for injected 429 storms. */
  exhaustedHeaders(bucket: RateLimitBucket, resetInSeconds: number, now = Date.now()): Record<string, string> {
    return {
      'X-Rate-Limit-Limit': String(this.limits[bucket]),
      'X-Rate-Limit-Remaining': '0',
      'X-Rate-Limit-Reset': String(Math.ceil(now / 1000) + resetInSeconds),
    };
  }

  /** Forgets every window, as if a minute had passed for every bucket. */
  reset(): void {
    this.windows.clear();
  }

  private currentWindow(bucket: RateLimitBucket, now: number): Window {
    const existing = this.windows.get(bucket);
    if (existing && now - existing.startedAt < this.windowMs) {
      return existing;
    }
    const fresh = { startedAt: now, used: 0 };
    this.windows.set(bucket, fresh);
    return fresh;
  }

  private headersFor(bucket: RateLimitBucket, window: Window, now: number): Record<string, string> {
    const limit = this.limits[bucket];
    // Epoch seconds, rounded up so that a client sleeping until Reset never wakes inside the old window.
    const reset = Math.ceil((window.startedAt + this.windowMs) / 1000);
    return {
      'X-Rate-Limit-Limit': String(limit),
      'X-Rate-Limit-Remaining': String(Math.max(0, limit - window.used)),
      'X-Rate-Limit-Reset': String(Math.max(reset, Math.ceil(now / 1000))),
    };
  }
}
