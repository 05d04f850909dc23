import type { IncomingMessage } from 'node:http';
import { parseJsonBody, type HttpResult } from '../http-kit/http';
import type { RouteSpec } from '../http-kit/router';
import { compileQuery } from './encoded-query';
import { aclDenied, badRequest, invalidTable, recordNotFound } from './errors';
import type { ServiceNowSimulatorOptions, ServiceNowUser } from './options';
import { CLOSED_STATES, glideDateTime, sysId, type SnRecord, type TableSchema, type TableStore } from './tables';

/** Per-request data for Table API handlers. */
export interface TableApiContext {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly rawBody: Buffer;
  readonly user: ServiceNowUser;
  readonly instanceUrl: string;
}

export interface TableApiRoute extends RouteSpec {
  handle(ctx: TableApiContext, store: TableStore, options: ServiceNowSimulatorOptions): HttpResult;
}

function schemaOf(store: TableStore, table: string): TableSchema {
  const schema = store.schema(table);
  if (!schema) {
    throw invalidTable(table);
  }
  return schema;
}

/**
 * Renders a row as the Table API does with `sysparm_display_value=false`: every value a string, references as
 * `{link, value}` (or the bare sys_id with `sysparm_exclude_reference_link=true`), journal fields as "".
 */
function render(record: SnRecord, schema: TableSchema, url: URL, instanceUrl: string): Record<string, unknown> {
  const fieldsParam = url.searchParams.get('sysparm_fields');
  const wanted = fieldsParam
    ? fieldsParam
        .split(',')
        .map((f) => f.trim())
        .filter((f) => schema.columns.has(f))
    : [...schema.columns];
  const excludeLinks = url.searchParams.get('sysparm_exclude_reference_link') === 'true';
  const out: Record<string, unknown> = {};
  for (const field of wanted) {
    const value = schema.journals.has(field) ? '' : (record[field] ?? '');
    const target = schema.references[field];
    out[field] = target && value !== '' && !excludeLinks ? { link: `${instanceUrl}/api/now/table/${target}/${value}`, value } : value;
  }
  return out;
}

function list(ctx: TableApiContext, store: TableStore, options: ServiceNowSimulatorOptions): HttpResult {
  const schema = schemaOf(store, ctx.params.table);
  const query = compileQuery(ctx.url.searchParams.get('sysparm_query') ?? '', schema, options.invalidQueryReturnsNoRows ?? false);
  let rows = store.all(schema.name).filter(query.matches);
  for (const { field, descending } of [...query.orderBy].reverse()) {
    rows = [...rows].sort((a, b) => (a[field] ?? '').localeCompare(b[field] ?? '') * (descending ? -1 : 1));
  }
  const limit = Number(ctx.url.searchParams.get('sysparm_limit') ?? '10000');
  const offset = Number(ctx.url.searchParams.get('sysparm_offset') ?? '0');
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) {
    throw badRequest('sysparm_limit must be a positive integer and sysparm_offset a non-negative integer');
  }
  const page = rows.slice(offset, offset + limit);
  const links: string[] = [];
  const linkTo = (newOffset: number, rel: string): void => {
    const u = new URL(`${ctx.instanceUrl}${ctx.url.pathname}${ctx.url.search}`);
    u.searchParams.set('sysparm_offset', String(newOffset));
    u.searchParams.set('sysparm_limit', String(limit));
    links.push(`<${u.toString()}>;rel="${rel}"`);
  };
  linkTo(0, 'first');
  if (offset + limit < rows.length) {
    linkTo(offset + limit, 'next');
  }
  linkTo(Math.max(0, Math.floor(Math.max(rows.length - 1, 0) / limit) * limit), 'last');
  return {
    status: 200,
    headers: { 'X-Total-Count': String(rows.length), Link: links.join(',') },
    body: { result: page.map((r) => render(r, schema, ctx.url, ctx.instanceUrl)) },
  };
}

function getOne(ctx: TableApiContext, store: TableStore): HttpResult {
  const schema = schemaOf(store, ctx.params.table);
  const record = store.get(schema.name, ctx.params.sysId);
  if (!record) {
    throw recordNotFound();
  }
  return { status: 200, body: { result: render(record, schema, ctx.url, ctx.instanceUrl) } };
}

/**
 * PATCH/PUT: sets the given fields (as strings). `sys_*` fields and unknown fields are ignored, as instances do;
 * journal fields append a `sys_journal_field` row instead of overwriting. Setting a closed state (3, 4, 7)
 * also sets `active=false` and `closed_at`, as the task business rules do.
 */
function update(ctx: TableApiContext, store: TableStore): HttpResult {
  const schema = schemaOf(store, ctx.params.table);
  if (!(ctx.user.writableTables ?? ['sc_req_item']).includes(schema.name)) {
    throw aclDenied('update');
  }
  const record = store.get(schema.name, ctx.params.sysId);
  if (!record) {
    throw recordNotFound();
  }
  let body: unknown;
  try {
    body = parseJsonBody(ctx.rawBody);
  } catch (err) {
    throw badRequest(`The payload is not valid JSON: ${(err as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The payload must be a JSON object of field names and values');
  }
  const now = glideDateTime();
  for (const [field, raw] of Object.entries(body as Record<string, unknown>)) {
    if (field.startsWith('sys_') || !schema.columns.has(field)) {
      continue;
    }
    const value = raw === null || raw === undefined ? '' : String(raw);
    if (schema.journals.has(field)) {
      if (value.trim() !== '') {
        store.insert('sys_journal_field', {
          sys_id: sysId(),
          sys_created_on: now,
          sys_created_by: ctx.user.username,
          sys_updated_on: now,
          sys_updated_by: ctx.user.username,
          sys_mod_count: '0',
          sys_class_name: 'sys_journal_field',
          element_id: record.sys_id,
          element: field,
          name: schema.name,
          value,
        });
      }
      continue;
    }
    record[field] = value;
    if (field === 'state' && CLOSED_STATES.has(value)) {
      record.active = 'false';
      record.closed_at = now;
    }
  }
  record.sys_updated_on = now;
  record.sys_updated_by = ctx.user.username;
  record.sys_mod_count = String(Number(record.sys_mod_count ?? '0') + 1);
  return { status: 200, body: { result: render(record, schema, ctx.url, ctx.instanceUrl) } };
}

const withVersions = (method: RouteSpec['method'], suffix: string, handle: TableApiRoute['handle']): TableApiRoute[] => [
  { method, path: `/api/now/table/:table${suffix}`, handle },
  { method, path: `/api/now/v1/table/:table${suffix}`, handle },
  { method, path: `/api/now/v2/table/:table${suffix}`, handle },
];

export const tableApiRoutes: readonly TableApiRoute[] = [
  ...withVersions('GET', '', list),
  ...withVersions('GET', '/:sysId', getOne),
  ...withVersions('PATCH', '/:sysId', update),
  ...withVersions('PUT', '/:sysId', update),
];
