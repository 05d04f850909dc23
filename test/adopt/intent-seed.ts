import { randomBytes } from 'node:crypto';
import { managedGroupNames } from '../../config/naming';
import type { OktaSimulatorOptions } from '../../simulators';
import type { InventorySeed } from '../../simulators/okta/inventory';
import type { OpaSimulator } from '../../simulators';
import type { EnvironmentConfig } from '../../config/schema';
import type { EnvironmentStacks } from '../../stacks/environment-stacks';
import { synthJson, type SynthJson } from '../helpers/synth';

/**
 * Simulator seeds that make an org look exactly as if this project had deployed `stacks`: every object the
 * synthesized JSON declares, with fresh ids, and the ids by logical key for checking import blocks. The one
 * place the test reads the environment's config is where the synthesized JSON only holds a cross-stack reference.
 */
export interface DeployedOrg {
  readonly okta: Pick<OktaSimulatorOptions, 'groups' | 'groupRules' | 'apps' | 'requestSequences'> & {
    inventory: Required<
      Pick<
        InventorySeed,
        'oauthApps' | 'appGroupAssignments' | 'customRoles' | 'resourceSets' | 'clientRoleAssignments' | 'eventHooks' | 'requestConditions' | 'requestSettings'
      >
    > &
      InventorySeed;
  };
  readonly servicenowTables: Record<string, Record<string, string>[]>;
  /** Ids the import blocks must carry, by logical key. */
  readonly expectedImports: Record<string, string>;
  readonly privilegedAccessAppId: string;
  /** Seeds the OPA team (resource groups, projects, policies) once the simulator runs; adds to `expectedImports`. */
  seedOpa(opa: OpaSimulator): void;
}

const bodies = (json: SynthJson, type: string) =>
  Object.entries(json.resource?.[type] ?? {}).map(([id, { '//': _meta, ...body }]) => ({ id, body: body as Record<string, any> }));
const refId = (token: string) => /^\$\{[a-z_]+\.([^.]+)\.[a-z_]+\}$/.exec(token)?.[1];
const okta = (prefix: '00g' | '0oa' | '0pr') => prefix + randomBytes(15).toString('base64url').replace(/[-_]/g, 'x').slice(0, 17);
const sysId = () => randomBytes(16).toString('hex');

/** `sequenceIds`: approval sequence name -> id, as in `<env>.lookups.json`. */
export function deployedOrg(config: EnvironmentConfig, stacks: EnvironmentStacks, sequenceIds: Record<string, string>): DeployedOrg {
  const identity = synthJson(stacks.identity);
  const expectedImports: Record<string, string> = {};
  const groupIdByResource = new Map<string, string>();
  const groupIdByName = new Map<string, string>();
  // In the order the project declares them (Okta lists groups in creation order in a fresh org, assumed).
  const order = managedGroupNames(config.identity);
  const rank = (name: string) => (order.indexOf(name) < 0 ? order.length : order.indexOf(name));
  const groups = bodies(identity, 'okta_group')
    .sort((a, b) => rank(a.body.name) - rank(b.body.name))
    .map(({ id, body }) => {
      const groupId = okta('00g');
      groupIdByResource.set(id, groupId);
      groupIdByName.set(body.name, groupId);
      expectedImports[`okta_group:${body.name}`] = groupId;
      return { id: groupId, name: body.name as string, description: body.description as string };
    });
  const nameOfGroupResource = (token: string) => groups.find((g) => g.id === groupIdByResource.get(refId(token) ?? ''))?.name as string;
  const groupRules = bodies(identity, 'okta_group_rule').map(({ body }) => ({
    name: body.name,
    expression: body.expression_value,
    groupName: nameOfGroupResource(body.group_assignments[0]),
  }));

  const paAppId = okta('0oa');
  const apps = [{ id: paAppId, label: config.identity.privilegedAccessAppLabel, name: 'okta_privileged_access' }];
  const assigned = bodies(identity, 'okta_app_group_assignment').map(({ body }) => nameOfGroupResource(body.group_id));
  for (const name of assigned) expectedImports[`okta_app_group_assignment:${name}/PrivilegedAccessAssignment`] = `${paAppId}/${groupIdByName.get(name)}`;

  const [app] = bodies(identity, 'okta_app_oauth');
  const serviceAppId = okta('0oa');
  const label = app!.body.label as string;
  expectedImports[`okta_app_oauth:${label}`] = serviceAppId;
  expectedImports[`okta_app_oauth_api_scope:${label}/Scopes`] = serviceAppId;
  const scopes = bodies(identity, 'okta_app_oauth_api_scope').flatMap(({ body }) => body.scopes as string[]);
  const customRoles = bodies(identity, 'okta_admin_role_custom').map(({ id, body }) => {
    const roleId = `cr0${randomBytes(9).toString('hex').slice(0, 17)}`;
    expectedImports[`okta_admin_role_custom:${label}/${body.label}`] = roleId;
    return { id: roleId, resource: id, label: body.label as string, description: body.description as string, permissions: body.permissions as string[] };
  });
  const resourceSets = bodies(identity, 'okta_resource_set').map(({ id, body }) => {
    const setId = `iam${randomBytes(9).toString('hex').slice(0, 17)}`;
    return { id: setId, resource: id, label: body.label as string, description: body.description as string, resources: [] as string[] };
  });
  for (const set of resourceSets) {
    expectedImports[`okta_resource_set:${set.label.startsWith(`${label} managed groups`) ? '' : `${label}/`}${set.label}`] = set.id;
  }
  const clientRoleAssignments = bodies(identity, 'okta_app_oauth_role_assignment').map(({ body }) => {
    const set = resourceSets.find((s) => s.resource === refId(body.resource_set))!;
    const role = customRoles.find((r) => r.resource === refId(body.role))!;
    const assignmentId = `irb${randomBytes(9).toString('hex').slice(0, 17)}`;
    const owner = set.label.startsWith(`${label} managed groups`) ? set.label : label;
    expectedImports[`okta_app_oauth_role_assignment:${owner}/RoleAssignment`] = `${serviceAppId}/${assignmentId}`;
    return { id: assignmentId, role: role.id, resourceSet: set.id };
  });
  const eventHooks = bodies(identity, 'okta_event_hook').map(({ body }) => {
    const hookId = `who${randomBytes(9).toString('hex').slice(0, 17)}`;
    expectedImports[`okta_event_hook:${body.name}`] = hookId;
    return { id: hookId, name: body.name as string, url: 'https://bridge.example.com/v1/okta/events', events: body.events as string[] };
  });

  const requestConditions: NonNullable<InventorySeed['requestConditions']>[string][number][] = [];
  const sequences = Object.entries(sequenceIds).map(([name, id]) => ({ id, name }));
  if (stacks.governance && config.governance) {
    const governance = synthJson(stacks.governance);
    const prefix = config.identity.groupPrefix;
    // Group references cross stacks here (remote state outputs), so their names come from the config the stack was built from.
    const nameOf = (kind: 'dept' | 'role' | 'access', key: string) => {
      const entry = (kind === 'dept' ? config.identity.departments : kind === 'role' ? config.identity.roles : config.identity.serverAccessGroups).find(
        (e) => e.key === key,
      )!;
      return entry.groupName ?? `${prefix}-${kind}-${key}`;
    };
    const sequenceOfResource = new Map(bodies(governance, 'okta_request_sequence').map(({ id, body }) => [id, body.id as string]));
    for (const { body } of bodies(governance, 'okta_request_condition').sort((a, b) => a.body.priority - b.body.priority)) {
      const condition = config.governance.conditions.find((c) => `${prefix}-${c.key}` === body.name)!;
      const conditionId = randomBytes(12).toString('hex');
      expectedImports[`okta_request_condition:${body.name}`] = `${paAppId}/${conditionId}`;
      requestConditions.push({
        id: conditionId,
        name: body.name,
        description: body.description,
        approvalSequenceId: sequenceOfResource.get(refId(body.approval_sequence_id) ?? '')!,
        accessScopeGroups: condition.accessScope.map((key) => nameOf('access', key)),
        requesterGroups: [
          ...condition.requesters.departments.map((key) => nameOf('dept', key)),
          ...condition.requesters.roles.map((key) => nameOf('role', key)),
        ],
        accessDuration: body.access_duration_settings.duration,
        durationType: body.access_duration_settings.type,
      });
    }
  }

  const servicenowTables: Record<string, Record<string, string>[]> = {};
  if (stacks.servicenow) {
    const sn = synthJson(stacks.servicenow);
    const rowOf = new Map<string, string>();
    const add = (table: string, resource: string, row: Record<string, string>, key?: string) => {
      const id = sysId();
      rowOf.set(resource, id);
      (servicenowTables[table] ??= []).push({ sys_id: id, ...row });
      if (key) expectedImports[key] = id;
      return id;
    };
    const itemName = bodies(sn, 'servicenow_service_catalog_item')[0]!.body.name as string;
    for (const { id, body } of bodies(sn, 'servicenow_service_catalog_category'))
      add('sc_category', id, { title: body.title, description: body.description }, `servicenow_service_catalog_category:${itemName}/${body.title}`);
    for (const { id, body } of bodies(sn, 'servicenow_service_catalog_item')) {
      add(
        'sc_cat_item',
        id,
        { name: body.name, short_description: body.short_description, description: body.description, category: rowOf.get(refId(body.category) ?? '') ?? '' },
        `servicenow_service_catalog_item:${body.name}`,
      );
    }
    const variables = new Map<string, string>();
    for (const { id, body } of bodies(sn, 'servicenow_service_catalog_variable')) {
      variables.set(id, body.name);
      add(
        'item_option_new',
        id,
        { name: body.name, question_text: body.question, cat_item: rowOf.get(refId(body.catalog_item) ?? '') ?? '' },
        `servicenow_service_catalog_variable:${itemName}/${body.name}`,
      );
    }
    for (const { id, body } of bodies(sn, 'servicenow_question_choice')) {
      const variable = refId(body.question) ?? '';
      add(
        'question_choice',
        id,
        { question: rowOf.get(variable) ?? '', value: body.value, text: body.text },
        `servicenow_question_choice:${itemName}/${variables.get(variable)}/${body.value}`,
      );
    }
    for (const { id, body } of bodies(sn, 'servicenow_role'))
      add('sys_user_role', id, { name: body.suffix, description: body.description }, `servicenow_role:${body.suffix}`);
    const scriptName = bodies(sn, 'servicenow_script_include')[0]?.body.name as string;
    for (const { id, body } of bodies(sn, 'servicenow_script_include'))
      add('sys_script_include', id, { name: body.name }, `servicenow_script_include:${body.name}`);
    for (const { id, body } of bodies(sn, 'servicenow_business_rule'))
      add('sys_script', id, { name: body.name, collection: body.table ?? '' }, `servicenow_business_rule:${scriptName}/${body.name}`);
    for (const { id, body } of bodies(sn, 'servicenow_system_property'))
      add('sys_properties', id, { name: body.suffix }, `servicenow_system_property:${scriptName}/${body.suffix}`);
    for (const { id, body } of bodies(sn, 'servicenow_rest_message')) add('sys_rest_message', id, { name: body.name }, `servicenow_rest_message:${body.name}`);
    const messageName = bodies(sn, 'servicenow_rest_message')[0]?.body.name as string;
    for (const { id, body } of bodies(sn, 'servicenow_rest_method')) {
      add(
        'sys_rest_message_fn',
        id,
        { function_name: body.name, rest_message: rowOf.get(refId(body.rest_message_id) ?? '') ?? '' },
        `servicenow_rest_method:${messageName}/${body.name}`,
      );
    }
  }

  const seedOpa = (opa: OpaSimulator) => {
    if (!stacks.privilegedAccess) return;
    const pam = synthJson(stacks.privilegedAccess);
    const groupIds = new Map<string, string>();
    for (const { id, body } of bodies(pam, 'oktapam_resource_group')) {
      const group = opa.state.seedResourceGroup({ name: body.name, description: body.description });
      groupIds.set(id, group.id);
      expectedImports[`oktapam_resource_group:${body.name}`] = group.id;
    }
    const groupName = (resource: string) => bodies(pam, 'oktapam_resource_group').find((g) => g.id === resource)!.body.name as string;
    const projectIds = new Map<string, string>();
    for (const { id, body } of bodies(pam, 'oktapam_resource_group_project')) {
      const rg = refId(body.resource_group)!;
      const project = opa.state.seedProject(groupIds.get(rg)!, { name: body.name });
      projectIds.set(id, project.id);
      expectedImports[`oktapam_resource_group_project:${groupName(rg)}/${body.name}`] = `${groupIds.get(rg)}/${project.id}`;
    }
    for (const { body } of bodies(pam, 'oktapam_password_settings')) {
      const rg = refId(body.resource_group)!;
      const projectResource = refId(body.project)!;
      const projectName = bodies(pam, 'oktapam_resource_group_project').find((p) => p.id === projectResource)!.body.name as string;
      const { resource_group: _rg, project: _p, ...settings } = body;
      opa.state.seedServerPasswordSettings(projectIds.get(projectResource)!, settings);
      expectedImports[`oktapam_password_settings:${groupName(rg)}/${projectName}/Passwords`] = `${groupIds.get(rg)}/${projectIds.get(projectResource)}`;
    }
    for (const { body } of bodies(pam, 'oktapam_security_policy_v2')) {
      const rg = refId(body.resource_group)!;
      const policy = opa.state.seedSecurityPolicy(groupIds.get(rg)!, { name: body.name });
      expectedImports[`oktapam_security_policy_v2:${body.name}`] = policy.id;
    }
  };

  return {
    okta: {
      groups,
      groupRules,
      apps,
      requestSequences: { [paAppId]: sequences },
      inventory: {
        oauthApps: [{ id: serviceAppId, label, clientId: serviceAppId, jwks: app!.body.jwks, grantedScopes: scopes }],
        appGroupAssignments: { [paAppId]: assigned },
        customRoles: customRoles.map(({ resource: _r, ...role }) => role),
        resourceSets: resourceSets.map(({ resource: _r, ...set }) => set),
        clientRoleAssignments: { [serviceAppId]: clientRoleAssignments },
        eventHooks,
        requestConditions: { [paAppId]: requestConditions },
        requestSettings: { [paAppId]: { requestOnBehalfOf: config.governance?.requestOnBehalfOf ?? false } },
      },
    },
    servicenowTables,
    expectedImports,
    privilegedAccessAppId: paAppId,
    seedOpa,
  };
}
