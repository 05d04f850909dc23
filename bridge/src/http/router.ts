import { ROUTE_METHODS, ROUTES, type RouteName } from '../../contract/routes';
import { Logger } from '../ports/logger';
import { errorResponse } from './responses';
import { EventHookRouteDeps, handleEventHook } from './routes/event-hook';
import { handleHealth } from './routes/health';
import { handleIntake, IntakeRouteDeps } from './routes/intake';
import { HttpHandler, HttpRequest, HttpResponse } from './types';

/** Paths of the bridge's endpoints, defined once in the contract; `docs/openapi.yaml` documents each. */
export { ROUTES };

export interface RouterDeps {
  readonly intake: IntakeRouteDeps;
  readonly eventHook: EventHookRouteDeps;
  readonly executor: string;
  readonly logger: Logger;
}

/** Dispatches by method and path; anything unexpected becomes a JSON 500 without internals. */
export function createRouter(deps: RouterDeps): HttpHandler {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    try {
      return await route(deps, request);
    } catch (error) {
      deps.logger.error('http.unhandled', { path: request.path, error: error instanceof Error ? error.message : String(error) });
      return errorResponse(500, 'internal error; the request was not processed, retry it');
    }
  };
}

async function route(deps: RouterDeps, request: HttpRequest): Promise<HttpResponse> {
  const name = (Object.keys(ROUTES) as RouteName[]).find((key) => ROUTES[key] === request.path);
  if (name === undefined) {
    return errorResponse(404, `no endpoint at ${request.path}; the bridge serves ${Object.values(ROUTES).join(', ')}`);
  }
  const allowed: readonly string[] = ROUTE_METHODS[name];
  if (!allowed.includes(request.method)) {
    return methodNotAllowed(request, allowed.join(', '));
  }
  switch (name) {
    case 'intake':
      return handleIntake(deps.intake, request);
    case 'eventHook':
      return handleEventHook(deps.eventHook, request);
    case 'health':
      return handleHealth({ name: 'jml-bridge', executor: deps.executor });
  }
}

function methodNotAllowed(request: HttpRequest, allowed: string): HttpResponse {
  return errorResponse(405, `${request.method} is not allowed on ${request.path}; use ${allowed}`, undefined, { allow: allowed });
}
