import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { errorResponse } from './responses';
import { HttpHandler, HttpRequest, HttpResponse } from './types';

/** Default largest accepted body: the schema's biggest valid request is a few KB. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Serves a {@link HttpHandler} with node:http (local mode and tests). Reads the raw body with a size limit
 * (413 beyond it, without reading the rest) and never lets an exception reach the socket as a stack trace.
 */
export async function startNodeServer(handler: HttpHandler, options: { port?: number; host?: string; bodyLimitBytes?: number } = {}): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
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
