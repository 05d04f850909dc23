/**
 * The bridge's HTTP endpoints: path and methods, once. The router (`bridge/src/http/router.ts`) dispatches on them,
 * the bridge stack declares one API Gateway route per method and path from them, and `docs/openapi.yaml` is tested
 * against them (`bridge/test/http/published-contract.test.ts`).
 */
export const ROUTES = {
  intake: '/v1/jml',
  eventHook: '/v1/okta/events',
  health: '/health',
} as const;

export type RouteName = keyof typeof ROUTES;
export type HttpMethod = 'GET' | 'POST';

/** The methods each endpoint answers; any other is a 405 naming these. */
export const ROUTE_METHODS = {
  intake: ['POST'],
  eventHook: ['GET', 'POST'],
  health: ['GET'],
} as const satisfies Record<RouteName, readonly HttpMethod[]>;

/** API Gateway route keys (`POST /v1/jml`) of the named endpoints. */
export function routeKeysOf(names: readonly RouteName[]): string[] {
  return names.flatMap((name) => ROUTE_METHODS[name].map((method) => `${method} ${ROUTES[name]}`));
}
