import { OktaReadClient } from '../oig-lookups/okta-client';
import { requestSequencesPath } from '../oig-lookups/discovery';
import type { OktaCustomRole, OktaEventHook, OktaGroup, OktaGroupRule, OktaInventory, OktaServiceApp, RequestCondition } from './inventory';

/** Read scopes only: adoption never changes the org. */
export const ADOPTION_OKTA_SCOPES = [
  'okta.groups.read',
  'okta.apps.read',
  'okta.roles.read',
  'okta.eventHooks.read',
  'okta.accessRequests.condition.read',
] as const;

export interface OktaReadOptions {
  readonly orgUrl: string;
  readonly clientId: string;
  readonly privateKey: string;
  readonly keyId?: string;
  readonly fetchImpl: typeof fetch;
  /** Label of the Okta Privileged Access app. */
  readonly privilegedAccessAppLabel: string;
  /** Label of the JML service app, if one may exist. */
  readonly serviceAppLabel?: string;
  readonly progress?: (message: string) => void;
}

type Json = Record<string, any>;
const array = (body: unknown) => body as Json[];
const one = (body: unknown) => [body as Json];

/**
 * Reads what the identity and governance stacks would manage: every group (paged), every group rule (paged),
 * the Privileged Access app and its group assignments and request conditions, sequences and settings, the JML
 * service app with its grants and role assignments, custom roles, resource sets and event hooks.
 */
export async function readOkta(options: OktaReadOptions): Promise<OktaInventory> {
  const client = new OktaReadClient(
    { orgUrl: options.orgUrl, clientId: options.clientId, privateKey: options.privateKey, keyId: options.keyId, scopes: ADOPTION_OKTA_SCOPES },
    options.fetchImpl,
  );
  const progress = options.progress ?? (() => undefined);

  const groups: OktaGroup[] = (await client.listAll('/api/v1/groups?limit=200', array)).map((g) => ({
    id: g.id,
    name: g.profile?.name,
    description: g.profile?.description ?? null,
    type: g.type,
  }));
  progress(`okta: ${groups.length} groups`);
  const rules: OktaGroupRule[] = (await client.listAll('/api/v1/groups/rules?limit=200', array)).map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    expression: r.conditions?.expression?.value ?? '',
    groupIds: r.actions?.assignUserToGroups?.groupIds ?? [],
  }));
  progress(`okta: ${rules.length} group rules`);

  const byLabel = async (label: string) =>
    (await client.listAll(`/api/v1/apps?q=${encodeURIComponent(label)}&limit=200`, array)).filter(
      (app) => app.label === label && (app.status ?? 'ACTIVE') === 'ACTIVE',
    );
  const paApps = await byLabel(options.privilegedAccessAppLabel);
  const pa = paApps.length === 1 ? paApps[0] : undefined;
  let privilegedAccessGroupIds: string[] = [];
  let conditions: RequestCondition[] = [];
  let sequences: { id: string; name: string }[] = [];
  let requestOnBehalfOf: boolean | undefined;
  if (pa) {
    privilegedAccessGroupIds = (await client.listAll(`/api/v1/apps/${pa.id}/groups?limit=200`, array)).map((a) => a.id);
    const conditionsPath = `/governance/api/v2/resources/${encodeURIComponent(pa.id)}/request-conditions`;
    conditions = (await client.listAll(conditionsPath, (body) => (body as { data: Json[] }).data)).map(toCondition);
    sequences = (await client.listAll(requestSequencesPath(pa.id), (body) => (body as { data: Json[] }).data)).map((s) => ({ id: s.id, name: s.name }));
    const settings = await client.listAll(`/governance/api/v2/resources/${encodeURIComponent(pa.id)}/request-settings`, one);
    requestOnBehalfOf = settings[0]?.requestOnBehalfOfSettings?.allowed;
    progress(`okta: app "${pa.label}": ${privilegedAccessGroupIds.length} groups, ${conditions.length} request conditions`);
  }

  let serviceApp: OktaServiceApp | undefined;
  const serviceApps = options.serviceAppLabel ? await byLabel(options.serviceAppLabel) : [];
  if (serviceApps.length === 1) {
    const detail = (await client.listAll(`/api/v1/apps/${serviceApps[0].id}`, one))[0] as Json;
    const clientId = detail.credentials?.oauthClient?.client_id ?? detail.id;
    const grants = await client.listAll(`/api/v1/apps/${detail.id}/grants`, array);
    const assignments = await client.listAll(`/oauth2/v1/clients/${encodeURIComponent(clientId)}/roles`, array);
    serviceApp = {
      id: detail.id,
      label: detail.label,
      clientId,
      applicationType: detail.settings?.oauthClient?.application_type ?? '',
      grantTypes: detail.settings?.oauthClient?.grant_types ?? [],
      tokenEndpointAuthMethod: detail.credentials?.oauthClient?.token_endpoint_auth_method ?? '',
      jwks: detail.settings?.oauthClient?.jwks?.keys ?? [],
      grantedScopes: grants.filter((g) => g.status === 'ACTIVE').map((g) => g.scopeId),
      roleAssignments: assignments.filter((a) => a.type === 'CUSTOM').map((a) => ({ id: a.id, role: a.role, resourceSet: a['resource-set'] })),
    };
  }

  const roles: OktaCustomRole[] = [];
  for (const role of await client.listAll('/api/v1/iam/roles', (body) => (body as { roles: Json[] }).roles)) {
    const permissions = await client.listAll(`/api/v1/iam/roles/${role.id}/permissions`, (body) => (body as { permissions: Json[] }).permissions);
    roles.push({ id: role.id, label: role.label, description: role.description ?? '', permissions: permissions.map((p) => p.label) });
  }
  const resourceSets = (await client.listAll('/api/v1/iam/resource-sets', (body) => (body as Json)['resource-sets'] as Json[])).map((s) => ({
    id: s.id,
    label: s.label,
    description: s.description ?? '',
  }));
  const eventHooks: OktaEventHook[] = (await client.listAll('/api/v1/eventHooks', array)).map((h) => ({
    id: h.id,
    name: h.name,
    status: h.status,
    url: h.channel?.config?.uri ?? '',
    events: h.events?.items ?? [],
  }));
  progress(`okta: ${roles.length} custom roles, ${resourceSets.length} resource sets, ${eventHooks.length} event hooks`);

  return {
    groups,
    rules,
    privilegedAccessApp: pa ? { id: pa.id, label: pa.label, status: pa.status } : undefined,
    privilegedAccessGroupIds,
    serviceApp,
    roles,
    resourceSets,
    eventHooks,
    conditions,
    sequences,
    requestOnBehalfOf,
  };
}

function toCondition(c: Json): RequestCondition {
  const ids = (settings: Json | undefined) => (settings?.groups ?? settings?.ids ?? []).map((g: Json) => g.id as string);
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? '',
    priority: c.priority ?? 0,
    status: c.status ?? 'ACTIVE',
    approvalSequenceId: c.approvalSequenceId,
    accessScopeGroupIds: ids(c.accessScopeSettings),
    requesterGroupIds: c.requesterSettings?.type === 'EVERYONE' ? undefined : ids(c.requesterSettings),
    accessDuration: c.accessDurationSettings?.duration ?? '',
    durationType: c.accessDurationSettings?.type ?? 'REQUESTER_SPECIFIED_DURATION',
  };
}
