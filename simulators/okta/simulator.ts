import { FaultInjector } from '../http-kit/faults';
import type { AdminRoleBinding } from './admin-role-binding';
import { AdminRoleGuard, type RoleRefusal } from './admin-role-guard';
import { listen } from '../http-kit/listen';
import { appRoutes } from './apps';
import type { OktaRoute, OktaServices } from './context';
import { Directory } from './directory';
import { EventHookDispatcher, type EventHookDelivery, type EventHookRegistration } from './event-hooks';
import { governanceRoutes } from './governance';
import type { GroupRuleSeed, GroupRuleView } from './group-rules';
import { groupRoutes } from './groups';
import { hex24, oktaId } from './ids';
import { inventoryRoutes } from './inventory-routes';
import { logRoutes } from './logs';
import type { GroupRecord, LogEvent, UserStatus } from './model';
import { oauthRoutes } from './oauth';
import type { OktaClientRegistration, OktaSimulatorOptions } from './options';
import { RateLimiter } from './rate-limiter';
import { createOktaServer } from './server';
import { OktaState } from './state';
import { SystemLog } from './system-log';
import { AccessTokenStore, JtiCache } from './tokens';
import { userRoutes } from './users';
import { groupView, userView } from './views';
import { WorkflowsEngine, workflowsRoutes, type FlowExecution, type FlowRegistration } from './workflows';

/** Every route of the simulated org; each area keeps its own table. */
const ROUTES: readonly OktaRoute[] = [
  ...oauthRoutes,
  // Before groupRoutes and appRoutes: `/api/v1/groups/rules` would otherwise match `/api/v1/groups/:groupId`.
  ...inventoryRoutes,
  ...userRoutes,
  ...groupRoutes,
  ...logRoutes,
  ...appRoutes,
  ...governanceRoutes,
  ...workflowsRoutes,
];

/** A user to put in the org before the test, without System Log events. */
export interface UserSeed {
  readonly profile: Record<string, unknown> & { login: string; email: string };
  /** @default 'ACTIVE' */
  readonly status?: UserStatus;
  /** Group names or ids (OKTA_GROUP only). @default [] */
  readonly groups?: readonly string[];
  /** Whether the user has a password, which decides ACTIVE vs PROVISIONED on a later activation. @default true */
  readonly hasPassword?: boolean;
}

/**
 * A running Okta simulator and the test-only controls over it. The controls are JS methods, not HTTP routes,
 * so nothing in the simulated API surface is fake.
 */
export interface OktaSimulator {
  /** Org base URL (`http://127.0.0.1:<port>`); the token endpoint is `${url}/oauth2/v1/token`. */
  readonly url: string;
  /** Runtime fault injection (5xx, delays, connection resets, 429 storms). */
  readonly faults: FaultInjector;
  /** The org's rules, for tests that need to act as another admin (events are logged with the given context). */
  readonly directory: Directory;
  /** Adds a user (no System Log event) and returns it in Okta's JSON shape. */
  seedUser(seed: UserSeed): Record<string, unknown>;
  /** A user in Okta's JSON shape, by id or login, or undefined. */
  getUser(idOrLogin: string): Record<string, unknown> | undefined;
  /** Every user in Okta's JSON shape. */
  listUsers(): Record<string, unknown>[];
  /** A group in Okta's JSON shape, by name, or undefined. */
  getGroupByName(name: string): Record<string, unknown> | undefined;
  /** The id of a group, by name; throws if there is none. */
  groupId(name: string): string;
  /** Logins of a group's members, by group name or id. */
  groupMembers(nameOrId: string): string[];
  /** Names of the groups a user belongs to (Everyone included). */
  userGroups(idOrLogin: string): string[];
  /** System Log events, oldest first, optionally of one event type. */
  logEvents(eventType?: string): readonly LogEvent[];
  /** Registers (or replaces) an OAuth service app, with its admin role binding if it has one. */
  registerClient(client: OktaClientRegistration): void;
  /**
   * Binds a custom admin role to a client, replacing any earlier one; `undefined` removes it. Resource URLs use
   * `url` as the org, e.g. `${okta.url}/api/v1/groups/${okta.groupId('Sales')}/users`.
   */
  assignAdminRole(clientId: string, binding: AdminRoleBinding | undefined): void;
  /** Why role-bound requests were refused (the 403 body, like Okta's, does not say), oldest first. */
  roleRefusals(): readonly RoleRefusal[];
  /** Adds an ACTIVE group rule and runs it over every user (events as Okta System); throws for unsupported rules. */
  addGroupRule(rule: GroupRuleSeed): GroupRuleView;
  /** The group rules, with their exclusion lists. */
  groupRules(): readonly GroupRuleView[];
  /** Verifies and activates an event hook; resolves to its id, rejects if verification fails. */
  registerEventHook(hook: EventHookRegistration): Promise<string>;
  /** Delivers pending event batches now and waits for every delivery and retry to finish. */
  flushEventHooks(): Promise<void>;
  /** Every event-hook delivery attempt so far. */
  eventHookDeliveries(): readonly EventHookDelivery[];
  /** Registers or replaces a Workflows API-endpoint flow. */
  registerFlow(alias: string, flow: FlowRegistration): void;
  /** Flow runs so far, optionally of one flow. */
  flowExecutions(alias?: string): readonly FlowExecution[];
  /** Waits for asynchronous flow runs to finish. */
  waitForFlows(): Promise<void>;
  /** Invalidates every issued access token (clients then get 401 E0000011 and must fetch a new token). */
  expireAccessTokens(): void;
  /** Starts fresh rate-limit windows for every bucket. */
  resetRateLimits(): void;
  /** Stops the server and the event-hook dispatcher. */
  close(): Promise<void>;
}

/**
 * Starts a simulated Okta org (Management API subset, org authorization server, System Log, event hooks,
 * Workflows API-endpoint flows, governance request sequences) on 127.0.0.1.
 *
 * @example
 *   const okta = await startOktaSimulator({ clients: [{ clientId, publicJwk, grantedScopes: ['okta.users.manage'] }] });
 *   // ... okta.url ...
 *   await okta.close();
 */
export async function startOktaSimulator(options: OktaSimulatorOptions = {}): Promise<OktaSimulator> {
  const state = new OktaState(options.searchIndexDelayMs ?? 0);
  const log = new SystemLog();
  const directory = new Directory(state, log, options.uniqueProfileAttributes ?? []);
  const clients = new Map<string, OktaClientRegistration>();
  for (const client of options.clients ?? []) {
    clients.set(client.clientId, client);
  }
  seedOrg(state, options);
  for (const rule of options.groupRules ?? []) {
    directory.addGroupRule(rule);
  }

  let orgUrl = '';
  const roles = new AdminRoleGuard(state, () => orgUrl);
  for (const client of options.clients ?? []) {
    roles.bind(client.clientId, client.adminRole);
  }
  const hooks = new EventHookDispatcher(
    log,
    {
      batchDelayMs: options.eventHookBatchDelayMs ?? 50,
      timeoutMs: options.eventHookTimeoutMs ?? 3000,
      retryDelayMs: options.eventHookRetryDelayMs ?? 100,
    },
    () => orgUrl,
  );
  const workflows = new WorkflowsEngine({
    connectionCloseMs: options.workflowsConnectionCloseMs ?? 60_000,
    invocationsPerSecond: options.workflowsInvocationsPerSecond ?? 10,
  });
  for (const [alias, flow] of Object.entries(options.flows ?? {})) {
    workflows.register(alias, flow);
  }
  const tokens = new AccessTokenStore();
  const services: OktaServices = {
    options,
    state,
    directory,
    log,
    tokens,
    jtis: new JtiCache(),
    clients,
    hooks,
    workflows,
    roles,
    orgUrl: () => orgUrl,
  };
  const limiter = new RateLimiter(options.rateLimits);
  const faults = new FaultInjector();
  const server = createOktaServer({
    routes: ROUTES,
    services,
    limiter,
    faults,
    concurrencyLimit: options.concurrencyLimit ?? 75,
  });
  const listening = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  orgUrl = listening.url;
  try {
    for (const hook of options.eventHooks ?? []) {
      await hooks.register(hook);
    }
  } catch (err) {
    await listening.close();
    throw err;
  }

  const groupIdOf = (nameOrId: string): string => {
    const group = state.groups.get(nameOrId) ?? state.findGroupByName(nameOrId);
    if (!group) {
      throw new Error(`no group named or with id ${nameOrId}; declare it in options.groups`);
    }
    return group.id;
  };

  return {
    url: orgUrl,
    faults,
    directory,
    seedUser: (seed) => {
      const user = directory.seedUser(seed.profile, seed.status ?? 'ACTIVE', (seed.groups ?? []).map(groupIdOf), seed.hasPassword ?? true);
      return userView(user, orgUrl);
    },
    getUser: (idOrLogin) => {
      const user = state.findUser(idOrLogin);
      return user ? userView(user, orgUrl) : undefined;
    },
    listUsers: () => [...state.users.values()].map((u) => userView(u, orgUrl)),
    getGroupByName: (name) => {
      const group = state.findGroupByName(name);
      return group ? groupView(group, orgUrl) : undefined;
    },
    groupId: groupIdOf,
    groupMembers: (nameOrId) => directory.membersOf(groupIdOf(nameOrId)).map((u) => u.profile.login),
    userGroups: (idOrLogin) => directory.groupsOf(directory.getUser(idOrLogin).id).map((g) => g.profile.name),
    logEvents: (eventType) => log.all().filter((e) => eventType === undefined || e.eventType === eventType),
    registerClient: (client) => {
      roles.bind(client.clientId, client.adminRole);
      clients.set(client.clientId, client);
    },
    assignAdminRole: (clientId, binding) => {
      const client = clients.get(clientId);
      if (!client) {
        throw new Error(`no client ${clientId} is registered; register it before binding a role to it`);
      }
      roles.bind(clientId, binding);
      clients.set(clientId, { ...client, adminRole: binding });
    },
    roleRefusals: () => roles.refusals(),
    addGroupRule: (rule) => directory.addGroupRule(rule),
    groupRules: () => directory.rules.list(),
    registerEventHook: (hook) => hooks.register(hook),
    flushEventHooks: () => hooks.flush(),
    eventHookDeliveries: () => hooks.deliveries(),
    registerFlow: (alias, flow) => workflows.register(alias, flow),
    flowExecutions: (alias) => workflows.executions(alias),
    waitForFlows: () => workflows.idle(),
    expireAccessTokens: () => tokens.expireAll(),
    resetRateLimits: () => limiter.reset(),
    close: async () => {
      state.searchIndex.close();
      await hooks.close();
      await listening.close();
    },
  };
}

function seedOrg(state: OktaState, options: OktaSimulatorOptions): void {
  const now = new Date().toISOString();
  const everyone: GroupRecord = {
    id: oktaId('00g'),
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    type: 'BUILT_IN',
    profile: { name: 'Everyone', description: 'All users in your organization' },
  };
  state.groups.set(everyone.id, everyone);
  for (const seed of options.groups ?? []) {
    if (state.findGroupByName(seed.name)) {
      throw new Error(`group ${seed.name} is declared twice in options.groups; group names must be unique`);
    }
    const group: GroupRecord = {
      id: seed.id ?? oktaId('00g'),
      created: now,
      lastUpdated: now,
      lastMembershipUpdated: now,
      type: seed.type ?? 'OKTA_GROUP',
      profile: { name: seed.name, description: seed.description ?? null },
    };
    state.groups.set(group.id, group);
  }
  for (const seed of options.apps ?? []) {
    const id = seed.id ?? oktaId('0oa');
    state.apps.set(id, {
      id,
      label: seed.label,
      name: seed.name ?? 'oidc_client',
      status: 'ACTIVE',
      signOnMode: seed.signOnMode ?? 'OPENID_CONNECT',
      created: now,
    });
  }
  for (const app of options.inventory?.oauthApps ?? []) {
    if (app.id === undefined) throw new Error(`inventory.oauthApps "${app.label}" needs a fixed id (it is also listed by GET /api/v1/apps)`);
    state.apps.set(app.id, { id: app.id, label: app.label, name: 'oidc_client', status: 'ACTIVE', signOnMode: 'OPENID_CONNECT', created: now });
  }
  state.inventory.seed(options.inventory ?? {}, (nameOrId) => {
    const group = state.groups.get(nameOrId) ?? state.findGroupByName(nameOrId);
    if (!group) throw new Error(`options.inventory names group ${nameOrId}, which is not in options.groups`);
    return group.id;
  });
  for (const [resourceId, sequences] of Object.entries(options.requestSequences ?? {})) {
    state.requestSequences.set(
      resourceId,
      sequences.map((s) => ({
        id: s.id ?? hex24(),
        name: s.name,
        description: s.description ?? '',
        compatibleResourceTypes: s.compatibleResourceTypes ?? ['APP', 'GROUP'],
      })),
    );
  }
}
