import type { IncomingMessage } from 'node:http';
import type { HttpResult } from '../http-kit/http';
import type { AdminRoleGuard } from './admin-role-guard';
import type { RouteSpec } from '../http-kit/router';
import type { Directory } from './directory';
import type { EventHookDispatcher } from './event-hooks';
import type { LogActor, OperationContext } from './model';
import type { OktaClientRegistration, OktaSimulatorOptions } from './options';
import type { RateLimitBucket } from './rate-limiter';
import type { OktaState } from './state';
import type { SystemLog } from './system-log';
import type { AccessTokenStore, JtiCache } from './tokens';
import type { WorkflowsEngine } from './workflows';

/** The authenticated caller of a request. */
export interface Principal {
  readonly kind: 'oauth' | 'ssws';
  readonly clientId?: string;
  /** Granted scopes; SSWS tokens act with the admin's full rights and carry every scope. */
  readonly scopes: ReadonlySet<string> | 'all';
  readonly actor: LogActor;
}

/** Everything a route handler may use. One instance per simulator. */
export interface OktaServices {
  readonly options: OktaSimulatorOptions;
  readonly state: OktaState;
  readonly directory: Directory;
  readonly log: SystemLog;
  readonly tokens: AccessTokenStore;
  readonly jtis: JtiCache;
  readonly clients: Map<string, OktaClientRegistration>;
  readonly hooks: EventHookDispatcher;
  readonly workflows: WorkflowsEngine;
  /** Custom admin roles of OAuth clients; checked by the routes that declare `checksAdminRole`. */
  readonly roles: AdminRoleGuard;
  /** Base URL of the org, e.g. `http://127.0.0.1:43123`; known once the server listens. */
  orgUrl(): string;
}

/** Per-request data handed to a handler. */
export interface OktaRequestContext {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly requestId: string;
  readonly rawBody: Buffer;
  /** Set for routes that declare a scope, once the token was checked. */
  readonly principal: Principal | undefined;
  /** The parsed JSON body; throws 400 E0000003 for malformed JSON. */
  json(): unknown;
  /** The operation context (actor + request id) for System Log events; requires a principal. */
  op(): OperationContext;
}

/** How a route authenticates: with a required Okta scope, or by itself (token endpoint, Workflows). */
export type RouteAuth = { readonly scope: string } | 'self';

/** One entry of a route table: method, path, rate-limit bucket, authentication and handler. */
export interface OktaRoute extends RouteSpec {
  /** Rate-limit bucket; 'none' for Workflows, which has its own per-flow limit and no Okta rate-limit headers. */
  readonly bucket: RateLimitBucket | 'none';
  readonly auth: RouteAuth;
  /**
   * The handler checks the caller's custom admin role itself (`services.roles`). A client with a role binding is
   * refused (403 E0000006) on scoped routes that do not declare this.
   */
  readonly checksAdminRole?: true;
  handle(ctx: OktaRequestContext, services: OktaServices): Promise<HttpResult> | HttpResult;
}
