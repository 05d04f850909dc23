import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseJsonBody, readBody, writeResult, type HttpResult } from '../http-kit/http';
import type { FaultInjector } from '../http-kit/faults';
import { RouteTable } from '../http-kit/router';
import { authenticate, requireScope } from './auth';
import type { OktaRequestContext, OktaRoute, OktaServices, Principal } from './context';
import { OAuthError } from './dpop';
import { internalError, malformedBody, methodNotAllowed, notFound, OktaApiError, rateLimited } from './errors';
import { requestId as newRequestId } from './ids';
import type { RateLimiter } from './rate-limiter';

/** Answers of injected status faults other than 500: gateway errors come from the edge, not the API (assumed). */
const GATEWAY_TEXT: Record<number, string> = {
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface OktaServerDeps {
  readonly routes: readonly OktaRoute[];
  readonly services: OktaServices;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly concurrencyLimit: number;
}

/**
 * The request pipeline: request id, fault injection, routing, rate limit, body, authentication and scope,
 * handler, and Okta's error shapes. Every answer carries `X-Okta-Request-Id`; every Okta API answer also carries
 * the bucket's `X-Rate-Limit-*` headers (and Node's `Date`).
 */
export function createOktaServer(deps: OktaServerDeps): Server {
  const table = new RouteTable(deps.routes);
  let inFlight = 0;
  return createServer((req, res) => {
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
    });
    void handle(req, res, deps, table, inFlight).catch(() => {
      res.socket?.destroy();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: OktaServerDeps, table: RouteTable<OktaRoute>, inFlightNow: number): Promise<void> {
  const requestId = newRequestId();
  const common: Record<string, string> = { 'X-Okta-Request-Id': requestId };
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', deps.services.orgUrl());
  const match = table.match(method, url.pathname);
  const bucket = match.kind === 'found' ? match.route.bucket : 'other';

  const fault = deps.faults.take(method, url.pathname);
  if (await deps.faults.applyTransport(fault, req)) return;
  if (fault?.kind === 'status') {
    const body = fault.status === 500 ? internalError() : undefined;
    writeResult(
      res,
      body
        ? { status: 500, body: body.toBody() }
        : { status: fault.status, rawBody: GATEWAY_TEXT[fault.status] ?? `HTTP ${fault.status}`, headers: { 'Content-Type': 'text/plain' } },
      common,
    );
    return;
  }
  if (fault?.kind === 'rate-limit') {
    const limitBucket = bucket === 'none' ? 'other' : bucket;
    const err = rateLimited(deps.limiter.exhaustedHeaders(limitBucket, fault.resetInSeconds ?? 1));
    writeResult(res, { status: 429, body: err.toBody(), headers: err.headers }, common);
    return;
  }

  let result: HttpResult;
  try {
    if (inFlightNow > deps.concurrencyLimit) {
      // Concurrency violations report 0/0 and an estimated reset (docs/reference/okta-management-api.md §2.6).
      throw rateLimited({
        'X-Rate-Limit-Limit': '0',
        'X-Rate-Limit-Remaining': '0',
        'X-Rate-Limit-Reset': String(Math.ceil(Date.now() / 1000) + 1),
      });
    }
    if (bucket !== 'none') {
      const decision = deps.limiter.consume(bucket);
      Object.assign(common, decision.headers);
      if (!decision.allowed) {
        throw rateLimited(decision.headers);
      }
    }
    if (match.kind === 'not-found') {
      throw notFound(url.pathname, 'Path');
    }
    if (match.kind === 'method-not-allowed') {
      throw methodNotAllowed(match.allowed);
    }
    const rawBody = await readBody(req);
    let principal: Principal | undefined;
    if (match.route.auth !== 'self') {
      principal = await authenticate(req, url, deps.services);
      requireScope(principal, match.route.auth.scope, url, deps.services.orgUrl());
    }
    const ctx = makeContext(req, url, match.params, requestId, rawBody, principal);
    if (principal && !match.route.checksAdminRole) {
      deps.services.roles.denyUnchecked(ctx);
    }
    result = await match.route.handle(ctx, deps.services);
  } catch (err) {
    result = toErrorResult(err);
  }
  writeResult(res, result, common);
}

function makeContext(
  req: IncomingMessage,
  url: URL,
  params: Record<string, string>,
  requestId: string,
  rawBody: Buffer,
  principal: Principal | undefined,
): OktaRequestContext {
  return {
    req,
    url,
    params,
    requestId,
    rawBody,
    principal,
    json: () => {
      try {
        return parseJsonBody(rawBody);
      } catch (err) {
        throw malformedBody(`the body is not valid JSON: ${(err as Error).message}`);
      }
    },
    op: () => {
      if (!principal) {
        throw new Error(`route ${req.method} ${url.pathname} changes state but authenticates itself; give it a scope`);
      }
      return { actor: principal.actor, requestId, requestUri: url.pathname };
    },
  };
}

function toErrorResult(err: unknown): HttpResult {
  if (err instanceof OktaApiError) {
    return { status: err.status, body: err.toBody(), headers: err.headers };
  }
  if (err instanceof OAuthError) {
    return {
      status: err.status,
      body: { error: err.error, error_description: err.description },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...err.headers },
    };
  }
  const failure = internalError();
  return { status: 500, body: { ...failure.toBody(), errorCauses: [{ errorSummary: (err as Error).message }] } };
}
