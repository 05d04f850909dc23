import { Logger } from '../../ports/logger';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../okta/retry-policy';
import { ServiceNowClient } from '../../ports/servicenow-client';
import { ServiceNowTokenProvider } from './oauth-token';

/**
 * How the bridge authenticates to the ServiceNow instance (docs/reference/servicenow-api.md §5.5): basic auth, a fixed OAuth bearer token,
 * or OAuth client credentials (tokens fetched and renewed by the bridge).
 */
export type ServiceNowCredentials =
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string }
  | { readonly type: 'oauth'; readonly clientId: string; readonly clientSecret: string };

export interface TableApiClientOptions {
  readonly instanceUrl: string;
  readonly credentials: ServiceNowCredentials;
  /** @default 2 */
  readonly maxRetries?: number;
  /** @default 200 */
  readonly retryBaseMs?: number;
  /** @default 10000 */
  readonly timeoutMs?: number;
}

/**
 * {@link ServiceNowClient} on the Table API: `PATCH /api/now/table/sc_req_item/{sys_id}` with `work_notes` (a journal
 * field: each write appends) and optionally `state`. Retries 429, 5xx and network errors a bounded number of times,
 * honouring `Retry-After`.
 */
export class TableApiServiceNowClient implements ServiceNowClient {
  private readonly authorization: () => Promise<string>;
  private readonly tokens?: ServiceNowTokenProvider;

  constructor(
    private readonly options: TableApiClientOptions,
    private readonly logger: Logger,
  ) {
    const c = options.credentials;
    if (c.type === 'oauth') {
      const tokens = new ServiceNowTokenProvider(options.instanceUrl, c.clientId, c.clientSecret);
      this.tokens = tokens;
      this.authorization = async () => `Bearer ${await tokens.token()}`;
    } else {
      const fixed = c.type === 'basic' ? `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` : `Bearer ${c.token}`;
      this.authorization = async () => fixed;
    }
  }

  async updateRequestItem(sysId: string, update: { workNote: string; state?: string }): Promise<void> {
    const url = `${this.options.instanceUrl.replace(/\/$/, '')}/api/now/table/sc_req_item/${encodeURIComponent(sysId)}?sysparm_fields=sys_id,number,state`;
    const body = JSON.stringify({ work_notes: update.workNote, ...(update.state ? { state: update.state } : {}) });
    const maxRetries = this.options.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let text: string;
      let headers: Headers | undefined;
      try {
        const response = await fetch(url, {
          method: 'PATCH',
          headers: { accept: 'application/json', 'content-type': 'application/json', authorization: await this.authorization() },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10000),
        });
        status = response.status;
        headers = response.headers;
        text = await response.text();
      } catch (error) {
        if (attempt < maxRetries) {
          await this.pause(attempt);
          continue;
        }
        throw new Error(
          `ServiceNow Table API unreachable at ${this.options.instanceUrl} after ${attempt + 1} attempts: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (status >= 200 && status < 300) {
        return;
      }
      if (status === 401 && this.tokens && attempt < maxRetries) {
        this.tokens.invalidate();
        continue;
      }
      if ((status === 429 || status >= 500) && attempt < maxRetries) {
        this.logger.warn('servicenow.retry', { status, attempt: attempt + 1 });
        await this.pause(attempt, headers);
        continue;
      }
      throw new Error(
        `ServiceNow answered ${status} to PATCH sc_req_item/${sysId}: ${summarise(text)}; check the sys_id and the integration user's ACLs on sc_req_item`,
      );
    }
  }

  /** The bridge's one retry rule: ServiceNow's `Retry-After` when it sends one (rate limit rules do), else jittered backoff. */
  private pause(attempt: number, headers?: Headers): Promise<void> {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: this.options.retryBaseMs ?? 200 };
    return new Promise((resolve) => setTimeout(resolve, retryDelayMs(policy, attempt, headers)));
  }
}

/** ServiceNow errors look like `{"error":{"message":"...","detail":"..."}}`; keep only that, short. */
function summarise(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string; detail?: string } };
    if (parsed.error) {
      return [parsed.error.message, parsed.error.detail].filter(Boolean).join(': ').slice(0, 300);
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 300);
}
