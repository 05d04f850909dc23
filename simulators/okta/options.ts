import type { JWK } from 'jose';
import type { AdminRoleBinding } from './admin-role-binding';
import type { GroupRuleSeed } from './group-rules';
import type { InventorySeed } from './inventory';
import type { RateLimitOptions } from './rate-limiter';
import type { EventHookRegistration } from './event-hooks';
import type { FlowRegistration } from './workflows';

/** An API Services app allowed to use client credentials with private_key_jwt (docs/reference/okta-oauth.md §3.1). */
export interface OktaClientRegistration {
  readonly clientId: string;
  /** Public half of the key the app signs client assertions with (RSA or EC); its `kid`, if set, must match. */
  readonly publicJwk: JWK;
  /** Okta API scopes granted to the app (Okta API Scopes tab); a token can only carry these. */
  readonly grantedScopes: readonly string[];
  /** Shown as System Log `actor.displayName`. @default - the client id */
  readonly displayName?: string;
  /**
   * Require DPoP-bound tokens ("Require Demonstrating Proof of Possession header in token requests", docs/reference/okta-oauth.md §3.3).
   * @default false - the community walkthrough unchecks it; the SDK always sends a DPoP header, which is then ignored
   */
  readonly requireDpop?: boolean;
  /**
   * A custom admin role bound to a resource set (docs/reference/okta-oauth.md §3.2). With it, every Management API call of this app is
   * checked against the role's permissions and resources (403 E0000006 otherwise).
   * @default - no binding: the app acts like a super admin, as with "Public client app admins" switched on
   */
  readonly adminRole?: AdminRoleBinding;
}

/** A group that exists in the org (the project declares groups in Terraform; the simulator is told which). */
export interface GroupSeed {
  readonly name: string;
  readonly description?: string;
  /** @default 'OKTA_GROUP' */
  readonly type?: 'OKTA_GROUP' | 'APP_GROUP';
  /** A fixed id, so tests can reference it before start. @default - a generated `00g...` id */
  readonly id?: string;
}

/** An app integration, found by label through `GET /api/v1/apps?q=`. */
export interface AppSeed {
  readonly label: string;
  /** @default 'oidc_client' */
  readonly name?: string;
  /** @default 'OPENID_CONNECT' */
  readonly signOnMode?: string;
  /** @default - a generated `0oa...` id */
  readonly id?: string;
}

/** An Identity Governance request (approval) sequence. */
export interface RequestSequenceSeed {
  /** @default - a generated 24-hex-character id */
  readonly id?: string;
  readonly name: string;
  /** @default '' */
  readonly description?: string;
  /** @default ['APP', 'GROUP'] */
  readonly compatibleResourceTypes?: readonly string[];
}

export interface OktaSimulatorOptions {
  /** @default 0 (the OS chooses a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** OAuth service apps. @default [] */
  readonly clients?: readonly OktaClientRegistration[];
  /** Accept `Authorization: SSWS <token>` with this token (full admin rights). @default - SSWS is refused */
  readonly apiToken?: string;
  /** Access token lifetime; Okta fixes it at one hour for service apps. @default 3600 */
  readonly accessTokenTtlSeconds?: number;
  /** Groups that exist in the org, besides the built-in Everyone group. @default [] */
  readonly groups?: readonly GroupSeed[];
  /**
   * ACTIVE group rules `user.<attribute>=="<value>"` (the only expression form the project generates; others are
   * refused at start). @default []
   */
  readonly groupRules?: readonly GroupRuleSeed[];
  /** App integrations. @default [] */
  readonly apps?: readonly AppSeed[];
  /**
   * What an adoption reads and the bridge never changes: unevaluated group rules, OAuth apps, app group
   * assignments, custom roles, resource sets, event hooks, request conditions (`inventory.ts`). @default {}
   */
  readonly inventory?: InventorySeed;
  /** Request sequences per resource id (an app or group id). @default {} */
  readonly requestSequences?: Readonly<Record<string, readonly RequestSequenceSeed[]>>;
  /** Profile attributes that, like `login`, must be unique across users (e.g. `employeeNumber`). @default [] */
  readonly uniqueProfileAttributes?: readonly string[];
  /**
   * How long changes take to reach `GET /api/v1/users?search=` results (Okta's search is eventually consistent;
   * GET by id/login and `filter` are not delayed). @default 0
   */
  readonly searchIndexDelayMs?: number;
  /** Per-bucket rate limits and window length. @default - Workforce limits per 60 s */
  readonly rateLimits?: RateLimitOptions;
  /** Simultaneous in-flight requests before 429 (Workforce default 75, docs/reference/okta-management-api.md §2.6). @default 75 */
  readonly concurrencyLimit?: number;
  /** Event hooks registered (and verified) at start. @default [] */
  readonly eventHooks?: readonly EventHookRegistration[];
  /** Delay before a batch of events is delivered, so several events share one POST. @default 50 */
  readonly eventHookBatchDelayMs?: number;
  /** Delivery timeout; Okta's is 3 s (docs/reference/okta-event-hooks.md §4.3). @default 3000 */
  readonly eventHookTimeoutMs?: number;
  /** Pause before the single retry of a failed delivery. @default 100 */
  readonly eventHookRetryDelayMs?: number;
  /** Workflows closes the caller's connection after this long (docs/reference/okta-workflows.md §1.4). @default 60000 */
  readonly workflowsConnectionCloseMs?: number;
  /** Direct invocations allowed per second per flow before 429 (docs/reference/okta-workflows.md §1.5). @default 10 */
  readonly workflowsInvocationsPerSecond?: number;
  /** Workflows API-endpoint flows, by flow alias. @default {} */
  readonly flows?: Readonly<Record<string, FlowRegistration>>;
}
