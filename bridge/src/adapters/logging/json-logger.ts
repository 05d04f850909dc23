import { Logger, LogLevel } from '../../ports/logger';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Keys whose values are never written, wherever they appear: a second line of defence behind careful callers. */
const SECRET_KEY = /secret|password|token|authorization|assertion|private.?key|signature|credential/i;

/** The Lambda invocation a line belongs to; shared by a logger and every child made from it. */
interface Invocation {
  fields: Record<string, unknown>;
}

/**
 * A {@link Logger} that writes one JSON object per line (CloudWatch parses each line as a structured event).
 *
 * `level`, `time` and `event` come first, then the base fields (service, and the correlation id of a `child`), then
 * the current Lambda invocation's `requestId` and `coldStart` ({@link startInvocation}), so every line of an
 * invocation, from the handler down to the domain's children created at start-up, can be found by its request id.
 */
export class JsonLogger implements Logger {
  constructor(
    private readonly level: LogLevel,
    private readonly base: Record<string, unknown> = { service: 'jml-bridge' },
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
    private readonly invocation: Invocation = { fields: {} },
  ) {}

  /** Tags the lines that follow, of this logger and all its children, with the Lambda request id and cold start. */
  startInvocation(context: { readonly awsRequestId?: string } | undefined, coldStart: boolean): void {
    this.invocation.fields = { ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}), coldStart };
  }

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
    return new JsonLogger(this.level, { ...this.base, ...fields }, this.write, this.invocation);
  }

  private log(level: Exclude<LogLevel, 'silent'>, event: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) {
      return;
    }
    const line = { level, time: new Date().toISOString(), event, ...this.base, ...this.invocation.fields, ...fields };
    this.write(JSON.stringify(line, (key, value) => (key && SECRET_KEY.test(key) ? '[redacted]' : value)));
  }
}
