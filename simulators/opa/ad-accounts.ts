import { adPasswordSettingsFromRequest, reorderFromRequest, ruleFromRequest, ruleSettingsFromRequest } from './ad-validation';
import { discover, rotatesPeriodically } from './discovery';
import { badRequest, notFound } from './errors';
import { newId } from './ids';
import type { AdConnection, AdPasswordSettings, ManagedAccount } from './model';
import { projectOf } from './resource-groups';
import { listOf, noContent, ok, RESOURCE_ADMIN, type OpaRoute } from './route';
import type { OpaState } from './state';

const CONNECTIONS = '/v1/teams/:team/connections/active_directory';
const ASSIGNMENT = '/v1/teams/:team/resource_assignment/active_directory/:connectionId';
const PROJECT = '/v1/teams/:team/resource_groups/:resourceGroupId/projects/:projectId';

/** A project's AD password policy before anyone set it: no periodic rotation (assumed; OPA documents no default). */
export const UNSET_AD_PASSWORD_SETTINGS: AdPasswordSettings = {
  enable_periodic_rotation: false,
  character_options: { upper_case: true, lower_case: true, digits: true, punctuation: true },
  min_length_in_bytes: 16,
  max_length_in_bytes: 32,
};

function connectionOf(state: OpaState, id: string | undefined): AdConnection {
  const connection = id === undefined ? undefined : state.adConnections.get(id);
  if (!connection) throw notFound(`Active Directory connection ${String(id)}`);
  return connection;
}

function rulesOf(state: OpaState, connectionId: string | undefined) {
  const connection = connectionOf(state, connectionId);
  return { connection, rules: state.rules.get(connection.id) ?? [] };
}

function renumber(rules: { priority: number }[]): void {
  rules.sort((a, b) => a.priority - b.priority).forEach((rule, i) => (rule.priority = i + 1));
}

/** `AccountWithSettings`: which project settings are in force for the account. */
function withSettings(state: OpaState, account: ManagedAccount) {
  const settings = rotatesPeriodically(state.adPasswordSettings.get(account.project.id), account) ? ['ROTATION_SCHEDULE'] : [];
  return { ...account, account_settings_enabled: settings };
}

/** AD connections, account rules (with priorities), rule settings, discovered accounts, project AD password settings. */
export function adAccountRoutes(options: { readonly syncOnRuleChange: boolean }): OpaRoute[] {
  const changed = (state: OpaState, connectionId: string) => {
    if (options.syncOnRuleChange) discover(state, connectionId);
  };
  return [
    { method: 'GET', path: CONNECTIONS, roles: RESOURCE_ADMIN, handle: ({ state }) => listOf([...state.adConnections.values()]) },
    { method: 'GET', path: `${CONNECTIONS}/:connectionId`, roles: RESOURCE_ADMIN, handle: ({ state, params }) => ok(connectionOf(state, params.connectionId)) },
    {
      method: 'PUT',
      path: `${CONNECTIONS}/:connectionId/status`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params, body }) => {
        const connection = connectionOf(state, params.connectionId);
        const status = (body as { status?: unknown } | undefined)?.status;
        if (status !== 'connected' && status !== 'disconnected') throw badRequest('status must be "connected" or "disconnected"');
        connection.status = status;
        return noContent();
      },
    },
    {
      method: 'GET',
      path: `${ASSIGNMENT}/rules`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params }) => listOf([...rulesOf(state, params.connectionId).rules].sort((a, b) => a.priority - b.priority)),
    },
    {
      method: 'POST',
      path: `${ASSIGNMENT}/rules/reorder`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params, body }) => {
        const { rules, connection } = rulesOf(state, params.connectionId);
        const order = reorderFromRequest(body, new Set(rules.map((r) => r.id)));
        // Listed rules take their new priority; unlisted ones keep their place relative to each other (assumed).
        rules.forEach((rule) => (rule.priority = order.get(rule.id) ?? rule.priority + 0.5));
        renumber(rules);
        changed(state, connection.id);
        return listOf([...rules]);
      },
    },
    {
      method: 'POST',
      path: `${ASSIGNMENT}/rules`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params, body }) => {
        const { connection, rules } = rulesOf(state, params.connectionId);
        if (connection.status === 'disconnected') throw badRequest(`connection ${connection.id} is disconnected: it cannot get new account rules`);
        const rule = { id: newId(), priority: rules.length + 1, ...ruleFromRequest(state, connection.id, body) };
        rules.push(rule);
        changed(state, connection.id);
        return { status: 201, body: rule };
      },
    },
    {
      method: 'GET',
      path: `${ASSIGNMENT}/rules/:ruleId`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params }) => {
        const rule = rulesOf(state, params.connectionId).rules.find((r) => r.id === params.ruleId);
        if (!rule) throw notFound(`account rule ${String(params.ruleId)}`);
        return ok(rule);
      },
    },
    {
      method: 'PUT',
      path: `${ASSIGNMENT}/rules/:ruleId`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params, body }) => {
        const { connection, rules } = rulesOf(state, params.connectionId);
        const index = rules.findIndex((r) => r.id === params.ruleId);
        const existing = rules[index];
        if (!existing) throw notFound(`account rule ${String(params.ruleId)}`);
        rules[index] = { id: existing.id, priority: existing.priority, ...ruleFromRequest(state, connection.id, body, existing) };
        changed(state, connection.id);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: `${ASSIGNMENT}/rules/:ruleId`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params }) => {
        const { connection, rules } = rulesOf(state, params.connectionId);
        const index = rules.findIndex((r) => r.id === params.ruleId);
        if (index < 0) throw notFound(`account rule ${String(params.ruleId)}`);
        rules.splice(index, 1);
        renumber(rules);
        changed(state, connection.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: `${ASSIGNMENT}/rule_settings`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params }) => ok(state.ruleSettings.get(connectionOf(state, params.connectionId).id)),
    },
    {
      method: 'POST',
      path: `${ASSIGNMENT}/rule_settings`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params, body }) => {
        const connection = connectionOf(state, params.connectionId);
        state.ruleSettings.set(connection.id, ruleSettingsFromRequest(body));
        changed(state, connection.id);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: `${ASSIGNMENT}/accounts`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params, query }) => {
        const connection = connectionOf(state, params.connectionId);
        const contains = query.get('contains_account_name_or_assigned_opa_user')?.toLowerCase();
        const accounts = [...state.accounts.values()].filter(
          (a) => a.domain.id === connection.id && (!contains || a.account_name.toLowerCase().includes(contains)),
        );
        return listOf(accounts);
      },
    },
    {
      method: 'GET',
      path: `${ASSIGNMENT}/accounts/:accountId`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params }) => {
        const account = state.accounts.get(params.accountId ?? '');
        if (!account || account.domain.id !== params.connectionId) throw notFound(`Active Directory account ${String(params.accountId)}`);
        return ok(account);
      },
    },
    // The SDK models the sync status as a bare enum string; not checked against a live team.
    {
      method: 'GET',
      path: `${ASSIGNMENT}/sync_status`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params }) => (connectionOf(state, params.connectionId), ok('SYNC_COMPLETED')),
    },
    {
      method: 'PUT',
      path: `${ASSIGNMENT}/force_sync`,
      roles: RESOURCE_ADMIN,
      handle: ({ state, params }) => {
        discover(state, connectionOf(state, params.connectionId).id);
        return noContent();
      },
    },
    {
      method: 'GET',
      path: `${PROJECT}/active_directory_accounts`,
      roles: [...RESOURCE_ADMIN, 'delegated_resource_admin'],
      handle: ({ state, params }) => {
        const project = projectOf(state, params);
        return listOf([...state.accounts.values()].filter((a) => a.project.id === project.id).map((a) => withSettings(state, a)));
      },
    },
    {
      method: 'GET',
      path: `${PROJECT}/active_directory_password_settings`,
      roles: [...RESOURCE_ADMIN, 'delegated_resource_admin'],
      handle: ({ state, params }) => ok(state.adPasswordSettings.get(projectOf(state, params).id) ?? UNSET_AD_PASSWORD_SETTINGS),
    },
    {
      method: 'PUT',
      path: `${PROJECT}/active_directory_password_settings`,
      roles: [...RESOURCE_ADMIN, 'delegated_resource_admin'],
      handle: ({ state, params, body }) => {
        const project = projectOf(state, params);
        const settings = adPasswordSettingsFromRequest(body);
        state.adPasswordSettings.set(project.id, settings);
        return ok(settings);
      },
    },
  ];
}
