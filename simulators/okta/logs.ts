import type { HttpResult } from '../http-kit/http';
import type { OktaRequestContext, OktaRoute, OktaServices } from './context';
import { invalidSearch } from './errors';
import { evaluate, parseExpression, resolvePath } from './query';

/**
 * `GET /api/v1/logs` (scope `okta.logs.read`): `since` / `until` (ISO 8601), `filter` with any event path
 * (`eventType eq "user.lifecycle.create"`, `target.id eq "00u..."`, `debugContext.debugData.requestId eq "..."`),
 * `limit` and `sortOrder`. Polling semantics (`after` cursors, the 7-day default window) are not simulated.
 */
function listLogs(ctx: OktaRequestContext, services: OktaServices): HttpResult {
  const params = ctx.url.searchParams;
  const since = parseDate(params.get('since'), 'since');
  const until = parseDate(params.get('until'), 'until');
  const filter = params.get('filter');
  const expr = filter === null ? undefined : parseExpression(filter);
  const limitParam = params.get('limit');
  const limit = limitParam === null ? 100 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw invalidSearch(`limit must be an integer from 1 to 1000, but ${limitParam} was provided`);
  }
  let events = services.log.all().filter((e) => {
    const t = Date.parse(e.published);
    return (since === undefined || t >= since) && (until === undefined || t < until);
  });
  if (expr) {
    events = events.filter((e) => evaluate(expr, (attr) => resolvePath(e, attr), false));
  }
  if (params.get('sortOrder') === 'DESCENDING') {
    events = [...events].reverse();
  }
  return { status: 200, body: events.slice(0, limit) };
}

function parseDate(value: string | null, name: string): number | undefined {
  if (value === null) {
    return undefined;
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) {
    throw invalidSearch(`${name} must be an ISO 8601 timestamp, but ${value} was provided`);
  }
  return t;
}

export const logRoutes: readonly OktaRoute[] = [{ method: 'GET', path: '/api/v1/logs', bucket: 'other', auth: { scope: 'okta.logs.read' }, handle: listLogs }];
