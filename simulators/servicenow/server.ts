import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultInjector } from '../http-kit/faults';
import { readBody, writeResult, type HttpResult } from '../http-kit/http';
import { RouteTable } from '../http-kit/router';
import type { ServiceNowAuth } from './auth';
import { ServiceNowError } from './errors';
import type { ServiceNowSimulatorOptions } from './options';
import { tableApiRoutes, type TableApiRoute } from './table-api';
import type { TableStore } from './tables';

/** One handled request, for tests that assert what a client sent. */
export interface ServiceNowRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly user?: string;
  readonly body?: unknown;
}

export interface ServiceNowServerDeps {
  readonly store: TableStore;
  readonly auth: ServiceNowAuth;
  readonly faults: FaultInjector;
  readonly options: ServiceNowSimulatorOptions;
  readonly requests: ServiceNowRequestRecord[];
  instanceUrl(): string;
}

/** Request pipeline: faults, `/oauth_token.do`, Basic/Bearer auth, Table API routes, ServiceNow error shapes. */
export function createServiceNowServer(deps: ServiceNowServerDeps): Server {
  const table = new RouteTable<TableApiRoute>(tableApiRoutes);
  return createServer((req, res) => {
    void handle(req, res, deps, table).catch(() => res.socket?.destroy());
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServiceNowServerDeps, table: RouteTable<TableApiRoute>): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', deps.instanceUrl());
  const fault = deps.faults.take(method, url.pathname);
  if (await deps.faults.applyTransport(fault, req)) return;
  let result: HttpResult;
  let username: string | undefined;
  let parsedBody: unknown;
  try {
    if (fault?.kind === 'status') {
      throw new ServiceNowError(fault.status, fault.status === 500 ? 'Internal Server Error' : `HTTP ${fault.status}`, 'Injected fault');
    }
    if (fault?.kind === 'rate-limit') {
      const seconds = fault.resetInSeconds ?? 1;
      throw new ServiceNowError(429, 'Rate limit exceeded', 'Too many requests for this user; retry after the Retry-After delay', {
        'Retry-After': String(seconds),
        'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + seconds),
      });
    }
    const rawBody = await readBody(req);
    if (method === 'POST' && url.pathname === '/oauth_token.do') {
      result = deps.auth.token(rawBody);
    } else {
      const match = table.match(method, url.pathname);
      if (match.kind === 'not-found') {
        throw new ServiceNowError(400, 'Requested URI does not represent any resource', `${method} ${url.pathname}`);
      }
      if (match.kind === 'method-not-allowed') {
        throw new ServiceNowError(405, 'Method not Supported', `${method} is not supported on ${url.pathname}`, {
          Allow: match.allowed.join(', '),
        });
      }
      const user = deps.auth.authenticate(req);
      username = user.username;
      try {
        parsedBody = rawBody.length > 0 ? JSON.parse(rawBody.toString('utf8')) : undefined;
      } catch {
        parsedBody = rawBody.toString('utf8');
      }
      result = match.route.handle({ req, url, params: match.params, rawBody, user, instanceUrl: deps.instanceUrl() }, deps.store, deps.options);
    }
  } catch (err) {
    result =
      err instanceof ServiceNowError
        ? { status: err.status, body: err.toBody(), headers: err.headers }
        : { status: 500, body: new ServiceNowError(500, 'Internal Server Error', (err as Error).message).toBody() };
  }
  deps.requests.push({ method, path: url.pathname, query: url.search, status: result.status, user: username, body: parsedBody });
  writeResult(res, result, {});
}
