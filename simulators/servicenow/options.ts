/** An integration user that authenticates with HTTP Basic (or gets OAuth tokens with the password grant). */
export interface ServiceNowUser {
  readonly username: string;
  readonly password: string;
  /** Tables the user may update (ACL). @default ['sc_req_item'] */
  readonly writableTables?: readonly string[];
}

/** An OAuth application registry entry (`/oauth_token.do`). */
export interface ServiceNowOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * "OAuth Application User" for the client-credentials grant, which instances keep off unless the
   * `glide.oauth.inbound.client.credential.grant_type.enabled` property is set (docs/reference/servicenow-api.md §5.5).
   * @default - client credentials refused for this client
   */
  readonly applicationUser?: string;
}

export interface ServiceNowSimulatorOptions {
  /** @default 0 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default [] */
  readonly users?: readonly ServiceNowUser[];
  /** @default [] */
  readonly oauthClients?: readonly ServiceNowOAuthClient[];
  /** Access token lifetime (instances default to 1800 s). @default 1800 */
  readonly accessTokenTtlSeconds?: number;
  /**
   * ServiceNow ignores query conditions on unknown fields and so returns every row, unless the instance sets
   * `glide.invalid_query.returns_no_rows`. @default false (the instance default)
   */
  readonly invalidQueryReturnsNoRows?: boolean;
  /**
   * Rows of the configuration tables (`catalog-tables.ts`: catalog item, variables, choices, roles, scripts), by
   * table name; a missing `sys_id` is generated. Read through the Table API; nothing creates them. @default {}
   */
  readonly tables?: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>>;
}
