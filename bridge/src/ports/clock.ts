/** Time, injected so that scheduling and timestamps are testable. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Current time as an ISO-8601 string. */
  isoNow(): string;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}
