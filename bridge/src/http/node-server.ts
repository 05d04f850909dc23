import { createServer, IncomingMessage, Server, STATUS_CODES } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { errorResponse } from './responses';
import { HttpHandler, HttpRequest, HttpResponse } from './types';

/** Default largest accepted body: the schema's biggest valid request is a few KB. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Serves a {@link HttpHandler} with node:http (local mode and tests). Reads the raw body with a size limit
 * (413 beyond it, without reading the rest) and never lets an exception reach the socket as a stack trace.
 */
export async function startNodeServer(
  handler: HttpHandler,
  options: { port?: number; host?: string; bodyLimitBytes?: number } = {},
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const server = createServer((req, res) => {
    void (async () => {
      let response: HttpResponse;
      const body = await readBody(req, limit);
      if (body === 'too-large') {
        response = errorResponse(413, `body exceeds ${limit} bytes; a JML request is a few KB`, undefined, { connection: 'close' });
      } else {
        response = await handler(toRequest(req, body));
      }
      res.writeHead(response.statusCode, response.headers);
      res.end(response.body);
    })().catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' }));
    });
  });
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Node answers requests it cannot parse (malformed request line or headers, headers over its size limit, a request
 * that times out) itself, with an empty body; this answers them in the bridge's JSON error shape instead.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [statusCode, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request headers are too large; send only the Content-Type and Standard Webhooks headers']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request was not received in time; send it again']
        : [400, 'the request is not valid HTTP/1.1 (request line, headers or chunked framing); send a well-formed request'];
  const response = errorResponse(statusCode, message, undefined, { connection: 'close' });
  const head = [
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'Error'}`,
    ...Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`),
    `content-length: ${Buffer.byteLength(response.body)}`,
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${response.body}`);
}

function toRequest(req: IncomingMessage, body: Buffer): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  return { method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, headers, rawBody: body };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !done) {
        done = true;
        resolve('too-large');
        req.resume();
        return;
      }
      if (!done) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', reject);
  });
}
