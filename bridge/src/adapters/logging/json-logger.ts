import { Logger, LogLevel } from '../../ports/logger';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Keys whose values are never written, wherever they appear: a second line of defence behind careful callers. */
const SECRET_KEY = /secret|password|token|authorization|assertion|private.?key|signature|credential/i;

/**
 * A {@link Logger} that writes one JSON object per line (CloudWatch parses each line as a structured event).
 *
 * `level`, `time` and `event` come first, then the base fields (service, and the correlation id of a `child`).
 */
export class JsonLogger implements Logger {
  constructor(
    private readonly level: LogLevel,
    private readonly base: Record<string, unknown> = { service: 'jml-bridge' },
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  debug(event: string, fields?: Record<string, unknown>): void {
    this.log('debug', event, fields);
  }

  info(event: string, fields?: Record<string, unknown>): void {
    this.log('info', event, fields);
  }

  warn(event: string, fields?: Record<string, unknown>): void {
    this.log('warn', event, fields);
  }

  error(event: string, fields?: Record<string, unknown>): void {
    this.log('error', event, fields);
  }

  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger(this.level, { ...this.base, ...fields }, this.write);
  }

  private log(level: Exclude<LogLevel, 'silent'>, event: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) {
      return;
    }
    const line = { level, time: new Date().toISOString(), event, ...this.base, ...fields };
    this.write(JSON.stringify(line, (key, value) => (key && SECRET_KEY.test(key) ? '[redacted]' : value)));
  }
}
