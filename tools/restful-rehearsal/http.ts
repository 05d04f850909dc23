/** One HTTP exchange as the restful provider makes it: JSON in and out, a bearer token, retries on listed statuses. */
export interface RestfulClientOptions {
  readonly baseUrl: string;
  readonly token?: () => string | undefined;
  /** `client.retry` of the provider block. */
  readonly retry?: { readonly statusCodes: readonly number[]; readonly count: number; readonly waitInSec: number; readonly maxWaitInSec: number };
  /** How the rehearsal waits between retries (tests pass one that records instead of sleeping). */
  readonly sleep: (seconds: number) => Promise<void>;
  /** Every call, for assertions. */
  readonly log: RestfulCall[];
}

export interface RestfulCall {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface RestfulResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A non-2xx answer, worded like restful's errors: the call, the status and the body OPA sent. */
export class RestfulCallError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly responseBody: string,
  ) {
    super(`${method} ${path}: unexpected response ${status}: ${responseBody}`);
  }
}

/**
 * Sends one request. Retries statuses in `retry.statusCodes` up to `retry.count` times; restful waits
 * `Retry-After` when present, else `waitInSec` doubling up to `maxWaitInSec` (OPA's `X-RateLimit-Retry-At` is
 * not read by restful). A 404 is returned to the caller, which decides (reads drop the resource, deletes succeed).
 */
export async function send(options: RestfulClientOptions, method: string, path: string, body?: unknown): Promise<RestfulResponse> {
  let wait = options.retry?.waitInSec ?? 0;
  for (let attempt = 0; ; attempt += 1) {
    const token = options.token?.();
    const response = await fetch(`${options.baseUrl}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    options.log.push({ method, path, status: response.status });
    const retry = options.retry;
    if (retry?.statusCodes.includes(response.status) && attempt < retry.count) {
      const after = Number(response.headers.get('retry-after'));
      await options.sleep(Number.isFinite(after) && after > 0 ? after : wait);
      wait = Math.min(wait * 2, retry.maxWaitInSec);
      continue;
    }
    if (response.status === 404) return { status: 404, body: undefined };
    if (response.status < 200 || response.status > 299) throw new RestfulCallError(method, path, response.status, text);
    // restful: an empty body is a null output, not an error.
    return { status: response.status, body: text.trim() === '' ? null : JSON.parse(text) };
  }
}
