/** Log levels in increasing severity; `silent` turns logging off (tests, benchmarks). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Structured logging: one JSON line per event. Implementations redact secret-looking keys; callers still never pass
 * secrets, bodies or tokens.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` (e.g. the correlation id) to every line. */
  child(fields: Record<string, unknown>): Logger;
}
