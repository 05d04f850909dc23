import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler answers; the server adds the common headers and serializes `body` as JSON. */
export interface HttpResult {
  readonly status: number;
  /** JSON-serialized unless `rawBody` is set; omitted for empty responses (204, or 200 with no content). */
  readonly body?: unknown;
  /** Sent verbatim (already a string), e.g. a Workflows "Return Raw" card. */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Drop the TCP connection instead of answering (connection reset, or a server-side connection close). */
  readonly resetConnection?: boolean;
}

/** Largest request body accepted; real APIs reject far smaller bodies, this only protects the test process. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole request body, refusing bodies larger than 1 MiB. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      throw new Error(`request body exceeds ${MAX_BODY_BYTES} bytes; send a smaller body`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; returns `undefined` for an empty body and throws a SyntaxError for malformed JSON. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8').trim();
  return text.length === 0 ? undefined : JSON.parse(text);
}

/** Parses an `application/x-www-form-urlencoded` body into a plain record (last value wins). */
export function parseFormBody(raw: Buffer): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
}

/** Writes a result with the given extra headers; the connection may already be gone after a fault. */
export function writeResult(res: ServerResponse, result: HttpResult, common: Record<string, string>): void {
  if (res.destroyed || res.headersSent) {
    return;
  }
  if (result.resetConnection === true) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...common, ...(result.headers ?? {}) };
  let payload: string | undefined;
  if (result.rawBody !== undefined) {
    payload = result.rawBody;
  } else if (result.body !== undefined) {
    payload = JSON.stringify(result.body);
    headers['Content-Type'] = headers['Content-Type'] ?? 'application/json;charset=UTF-8';
  }
  headers['Content-Length'] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(result.status, headers);
  res.end(payload);
}

/** Lower-cased single header value (first one if repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
