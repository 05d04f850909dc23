/**
 * Minimal method + path router over a flat route table, so each API area declares its routes in one array
 * and adding an endpoint is adding one entry.
 */

/** Anything routable: an HTTP method and a path template such as `/api/v1/users/:userId/lifecycle/activate`. */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
}

interface CompiledRoute<R extends RouteSpec> {
  readonly route: R;
  readonly regex: RegExp;
  readonly names: string[];
}

/** The outcome of matching a request against the table. */
export type RouteMatch<R extends RouteSpec> =
  | { readonly kind: 'found'; readonly route: R; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allowed: string[] }
  | { readonly kind: 'not-found' };

export class RouteTable<R extends RouteSpec> {
  private readonly compiled: CompiledRoute<R>[];

  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const pattern = route.path
        .split('/')
        .map((segment) => {
          if (segment.startsWith(':')) {
            names.push(segment.slice(1));
            return '([^/]+)';
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return { route, regex: new RegExp(`^${pattern}/?$`), names };
    });
  }

  /** Finds the route for a method and a decoded-per-segment path; literal routes win over parameterised ones by order. */
  match(method: string, pathname: string): RouteMatch<R> {
    const allowed: string[] = [];
    for (const entry of this.compiled) {
      const m = entry.regex.exec(pathname);
      if (!m) {
        continue;
      }
      if (entry.route.method !== method) {
        allowed.push(entry.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      entry.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
      return { kind: 'found', route: entry.route, params };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}
