import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultInjector } from '../http-kit/faults';
import { header, parseJsonBody, readBody, writeResult, type HttpResult } from '../http-kit/http';
import { RouteTable } from '../http-kit/router';
import { badRequest, forbidden, notFound, OpaError } from './errors';
import { rateLimited, type RateLimiter } from './rate-limit';
import type { OpaRoute } from './route';
import type { ServiceTokens } from './service-tokens';
import type { OpaState } from './state';

/** One handled request, for tests that assert what a client sent (bodies of the token call are never kept). */
export interface OpaRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body?: unknown;
}

export interface OpaServerDeps {
  readonly state: OpaState;
  readonly tokens: ServiceTokens;
  readonly routes: readonly OpaRoute[];
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly requests: OpaRequestRecord[];
}

const TOKEN_PATH = /^\/v1\/teams\/([^/]+)\/service_token\/?$/;

/** Request pipeline: fault → rate limit → route → team → bearer token → role → handler → OPA error shape. */
export function createOpaServer(deps: OpaServerDeps): Server {
  const table = new RouteTable<OpaRoute>(deps.routes);
  return createServer((req, res) => {
    void handle(req, res, deps, table).catch(() => res.socket?.destroy());
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: OpaServerDeps, table: RouteTable<OpaRoute>): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://opa.invalid');
  const fault = deps.faults.take(method, url.pathname);
  if (await deps.faults.applyTransport(fault, req)) return;
  let result: HttpResult;
  let body: unknown;
  const isTokenCall = TOKEN_PATH.test(url.pathname);
  try {
    if (fault?.kind === 'status') throw new OpaError(fault.status, 'internal_error', `injected fault ${fault.status}`);
    if (fault?.kind === 'rate-limit') throw rateLimited(Date.now() + (fault.resetInSeconds ?? 1) * 1000);
    deps.limiter.take();
    body = await readJson(req);
    result = isTokenCall ? await issueToken(deps, method, url.pathname, body) : await route(deps, table, req, method, url, body);
  } catch (err) {
    result = err instanceof OpaError ? err.toResult() : new OpaError(500, 'internal_error', (err as Error).message).toResult();
  }
  deps.requests.push({ method, path: url.pathname, status: result.status, body: isTokenCall ? undefined : body });
  writeResult(res, result, {});
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return parseJsonBody(await readBody(req));
  } catch (err) {
    throw badRequest(err instanceof SyntaxError ? `malformed JSON body: ${err.message}` : (err as Error).message);
  }
}

async function issueToken(deps: OpaServerDeps, method: string, path: string, body: unknown): Promise<HttpResult> {
  const team = decodeURIComponent(TOKEN_PATH.exec(path)?.[1] ?? '');
  if (method !== 'POST') throw new OpaError(405, 'method_not_allowed', `${method} is not allowed on ${path}; use POST`, { Allow: 'POST' });
  if (team.toLowerCase() !== deps.state.team.toLowerCase()) throw notFound(`team ${team}`);
  return { status: 200, body: await deps.tokens.issue(body) };
}

async function route(deps: OpaServerDeps, table: RouteTable<OpaRoute>, req: IncomingMessage, method: string, url: URL, body: unknown): Promise<HttpResult> {
  const match = table.match(method, url.pathname);
  if (match.kind === 'not-found') throw notFound(`${method} ${url.pathname}`);
  if (match.kind === 'method-not-allowed') {
    throw new OpaError(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`, { Allow: match.allowed.join(', ') });
  }
  if ((match.params.team ?? '').toLowerCase() !== deps.state.team.toLowerCase()) throw notFound(`team ${String(match.params.team)}`);
  const caller = await deps.tokens.authenticate(header(req, 'authorization'));
  if (!match.route.roles.some((role) => caller.roles.includes(role))) {
    throw forbidden(`${caller.serviceUser} needs one of the roles ${match.route.roles.join(', ')} for ${method} ${url.pathname}`);
  }
  return match.route.handle({ params: match.params, body, query: url.searchParams, caller, state: deps.state });
}
