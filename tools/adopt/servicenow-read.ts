import type { SnRow } from './inventory';

export interface ServiceNowReadOptions {
  /** The instance's API base, e.g. https://acme.service-now.com (or the simulator's URL). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly fetchImpl: typeof fetch;
}

/** Page size of Table API reads. */
const PAGE = 100;

/**
 * Table API reads as a read-only user (HTTP Basic): `GET /api/now/table/<table>` with an encoded query, paged with
 * `sysparm_offset`, references as bare sys_ids. Answers are cached per query, so resolving many imports that share
 * a lookup costs one call.
 */
export class ServiceNowReader {
  private readonly cache = new Map<string, Promise<SnRow[]>>();

  constructor(private readonly options: ServiceNowReadOptions) {}

  query(table: string, encodedQuery: string): Promise<SnRow[]> {
    const cacheKey = `${table}?${encodedQuery}`;
    let rows = this.cache.get(cacheKey);
    if (!rows) {
      rows = this.readAll(table, encodedQuery);
      this.cache.set(cacheKey, rows);
    }
    return rows;
  }

  private async readAll(table: string, encodedQuery: string): Promise<SnRow[]> {
    const all: SnRow[] = [];
    const authorization = `Basic ${Buffer.from(`${this.options.username}:${this.options.password}`).toString('base64')}`;
    for (let offset = 0; ; offset += PAGE) {
      const url = new URL(`/api/now/table/${encodeURIComponent(table)}`, this.options.url);
      url.searchParams.set('sysparm_query', encodedQuery);
      url.searchParams.set('sysparm_limit', String(PAGE));
      url.searchParams.set('sysparm_offset', String(offset));
      url.searchParams.set('sysparm_exclude_reference_link', 'true');
      const response = await this.options.fetchImpl(url, { headers: { Accept: 'application/json', Authorization: authorization } });
      const text = await response.text();
      if (!response.ok) {
        let message = text.slice(0, 200);
        try {
          message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          // not JSON: keep the raw text
        }
        throw new Error(
          `ServiceNow GET /api/now/table/${table} failed with HTTP ${response.status}: ${message}; check SERVICENOW_USERNAME has read access to ${table}`,
        );
      }
      const page = (JSON.parse(text) as { result: SnRow[] }).result;
      all.push(...page);
      if (page.length < PAGE) return all;
    }
  }
}
