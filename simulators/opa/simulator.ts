import { FaultInjector } from '../http-kit/faults';
import { listen } from '../http-kit/listen';
import { adAccountRoutes } from './ad-accounts';
import { discover } from './discovery';
import type { AdPasswordSettings, ManagedAccount } from './model';
import type { OpaSimulatorOptions } from './options';
import { RateLimiter } from './rate-limit';
import { resourceGroupRoutes } from './resource-groups';
import { createOpaServer, type OpaRequestRecord } from './server';
import { ServiceTokens } from './service-tokens';
import { OpaState } from './state';

/** A running OPA simulator and its test-only controls (JS methods, never HTTP routes). */
export interface OpaSimulator {
  /** Base URL (`http://127.0.0.1:<port>`): what `privilegedAccess.apiHost` points at in tests. */
  readonly url: string;
  readonly team: string;
  /** The data behind every endpoint, with `seed*` helpers for what an existing team already has. */
  readonly state: OpaState;
  readonly faults: FaultInjector;
  /** Runs account discovery now (what `PUT …/force_sync` does): rules bring imported accounts under management. */
  sync(connectionId?: string): ManagedAccount[];
  /** Managed accounts of a project. */
  accountsInProject(projectId: string): ManagedAccount[];
  adPasswordSettings(projectId: string): AdPasswordSettings | undefined;
  /** Every handled request, oldest first (the token call's body is never recorded). */
  requests(): readonly OpaRequestRecord[];
  /** Invalidates every issued bearer token, as OPA may at any time. */
  expireTokens(): void;
  resetRateLimit(): void;
  close(): Promise<void>;
}

/** Starts a simulated OPA team API (service token, resource groups, AD accounts) on 127.0.0.1. */
export async function startOpaSimulator(options: OpaSimulatorOptions = {}): Promise<OpaSimulator> {
  const state = new OpaState(options.team ?? 'example-team');
  for (const user of options.serviceUsers ?? []) state.seedServiceUser(user);
  const tokens = new ServiceTokens(state.team, state.serviceUsers, options.tokenTtlSeconds ?? 3600);
  const faults = new FaultInjector();
  const limiter = new RateLimiter(options.rateLimit?.limit, options.rateLimit?.windowMs);
  const requests: OpaRequestRecord[] = [];
  const routes = [...resourceGroupRoutes, ...adAccountRoutes({ syncOnRuleChange: options.syncOnRuleChange ?? true })];
  const server = createOpaServer({ state, tokens, routes, faults, limiter, requests });
  const listening = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    url: listening.url,
    team: state.team,
    state,
    faults,
    sync: (connectionId) => discover(state, connectionId),
    accountsInProject: (projectId) => [...state.accounts.values()].filter((a) => a.project.id === projectId),
    adPasswordSettings: (projectId) => state.adPasswordSettings.get(projectId),
    requests: () => requests,
    expireTokens: () => tokens.expireAll(),
    resetRateLimit: () => limiter.reset(),
    close: () => listening.close(),
  };
}
