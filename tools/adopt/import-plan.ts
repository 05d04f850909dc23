import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { IMPORTS_DIR_CONTEXT, logicalKeyOf, logicalPartsOf, type LogicalParts } from '../../constructs/adopted-imports';
import type { EnvironmentConfig } from '../../config/schema';
import { declareEnvironment } from '../../stacks/environment-stacks';
import type { GovernanceFit } from './fit-governance';
import type { IdentityFit } from './fit-identity';
import type { OpaInventory, OktaInventory } from './inventory';
import type { ServiceNowReader } from './servicenow-read';

/** What the first plan will do with one declared resource. */
export interface PlannedResource {
  readonly key: string;
  readonly type: string;
  /** The stack it is declared in (informational: import ids are keyed by `key`, not by stack). */
  readonly stack: string;
  readonly action: 'import' | 'add';
  readonly importId?: string;
  /** Why a resource is added rather than imported. */
  readonly reason?: string;
}

export interface ImportSources {
  readonly okta: OktaInventory;
  readonly identity: IdentityFit;
  readonly governance: GovernanceFit;
  readonly servicenow?: ServiceNowReader;
  readonly opa?: OpaInventory;
}

type Resolution = { readonly id: string } | { readonly reason: string };
type Resolver = (
  parts: LogicalParts,
  attributes: Record<string, unknown>,
  sources: ImportSources,
  resource: TerraformResource,
) => Promise<Resolution> | Resolution;

const missing = (what: string): Resolution => ({ reason: `no ${what} in the org: new, the first apply creates it` });

/**
 * Declares the adopted environment's stacks (without synthesizing them) and decides, for every resource, the id of
 * the existing object to import or why it is new. Keys are the same logical keys the `AdoptedImports` aspect
 * matches, so whichever stack (or shard) a resource ends up in, its import block follows it.
 */
export async function planImports(config: EnvironmentConfig, environmentsDir: string, sources: ImportSources): Promise<PlannedResource[]> {
  const emptyImports = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-plan-'));
  const app = new App({ outdir: emptyImports, skipValidation: true, context: { [IMPORTS_DIR_CONTEXT]: emptyImports } });
  declareEnvironment(app, config, { environmentsDir });
  const planned: PlannedResource[] = [];
  const counts = new Map<string, number>();
  const declared: { resource: TerraformResource; stack: string; key: string }[] = [];
  for (const stack of app.node.children) {
    if (!(stack instanceof TerraformStack)) continue;
    for (const node of stack.node.findAll()) {
      if (!(node instanceof TerraformResource)) continue;
      if ((node as unknown as { _imported?: unknown })._imported !== undefined) continue;
      const key = logicalKeyOf(node);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      declared.push({ resource: node, stack: stack.node.id, key });
    }
  }
  for (const { resource, stack, key } of declared) {
    const type = resource.terraformResourceType;
    if (type.startsWith('aws_')) {
      // The bridge's AWS infrastructure is the project's own, never part of the org being adopted.
      planned.push({ key, type, stack, action: 'add', reason: 'bridge infrastructure on AWS: new with the project' });
      continue;
    }
    const resolver = RESOLVERS[type];
    let resolution: Resolution;
    if (counts.get(key)! > 1)
      resolution = { reason: `its logical key is not unique in the environment (${counts.get(key)} resources), so it cannot be matched safely` };
    else if (!resolver) resolution = { reason: `adoption does not read ${type} objects (${UNREAD[type] ?? 'not an object adoption looks up'})` };
    else resolution = await resolver(logicalPartsOf(resource), attributesOf(resource), sources, resource);
    planned.push(
      'id' in resolution ? { key, type, stack, action: 'import', importId: resolution.id } : { key, type, stack, action: 'add', reason: resolution.reason },
    );
  }
  fs.rmSync(emptyImports, { recursive: true, force: true });
  return planned;
}

/** Types whose objects hold secrets or exist only in Terraform: the first apply always creates them. */
const UNREAD: Readonly<Record<string, string>> = {
  oktapam_gateway_setup_token: 'a token is shown once at creation and cannot be imported usefully',
  oktapam_resource_group_server_enrollment_token: 'a token is shown once at creation and cannot be imported usefully',
  servicenow_rest_method_header: 'headers are re-declared with their method',
  servicenow_acl: 'ACLs are matched by name and operation, which the Table API read does not cover yet',
  servicenow_record: 'generic records have no natural key',
};

function attributesOf(resource: TerraformResource): Record<string, unknown> {
  const synthesize = (resource as unknown as { synthesizeAttributes?: () => Record<string, unknown> }).synthesizeAttributes;
  return typeof synthesize === 'function' ? synthesize.call(resource) : {};
}

const groupNamed = (okta: OktaInventory, name: string | undefined) => {
  const matches = okta.groups.filter((g) => g.name === name && g.type === 'OKTA_GROUP');
  return matches.length === 1 ? matches[0] : undefined;
};

/** The literal natural name of the first sibling of `type` (a role assignment's resource set). */
function siblingName(resource: TerraformResource, type: string): string | undefined {
  const sibling = resource.node.scope?.node.children.find((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === type);
  return sibling ? logicalPartsOf(sibling).leaf : undefined;
}

async function snOne(sources: ImportSources, table: string, query: string, what: string): Promise<Resolution> {
  if (!sources.servicenow) return { reason: 'ServiceNow was not read (no SERVICENOW_USERNAME): new' };
  const rows = await sources.servicenow.query(table, query);
  if (rows.length === 1) return { id: rows[0]!.sys_id as string };
  return rows.length === 0 ? missing(what) : { reason: `${rows.length} ${table} rows match ${query}; make it unique in the instance, then adopt again` };
}

async function snIdOf(sources: ImportSources, table: string, query: string): Promise<string | undefined> {
  const found = await snOne(sources, table, query, table);
  return 'id' in found ? found.id : undefined;
}

const RESOLVERS: Readonly<Record<string, Resolver>> = {
  okta_group: (parts, _a, { okta }) => {
    const group = groupNamed(okta, parts.leaf);
    return group ? { id: group.id } : missing(`Okta group "${parts.leaf}"`);
  },
  okta_group_rule: (parts, _a, { identity }) => {
    const id = identity.ruleIdOfGroup.get(parts.owners[0] ?? '');
    return id ? { id } : missing(`adoptable rule of group "${parts.owners[0]}"`);
  },
  okta_app_group_assignment: (parts, _a, { okta }) => {
    const group = groupNamed(okta, parts.owners[0]);
    const app = okta.privilegedAccessApp;
    if (!group || !app || !okta.privilegedAccessGroupIds.includes(group.id)) return missing(`assignment of "${parts.owners[0]}" to the Privileged Access app`);
    return { id: `${app.id}/${group.id}` };
  },
  okta_app_oauth: (parts, _a, { okta }) => (okta.serviceApp?.label === parts.leaf ? { id: okta.serviceApp.id } : missing(`OAuth app labelled "${parts.leaf}"`)),
  okta_app_oauth_api_scope: (parts, _a, { okta }) =>
    okta.serviceApp?.label === parts.owners[0] ? { id: okta.serviceApp.id } : missing(`OAuth app labelled "${parts.owners[0]}"`),
  okta_admin_role_custom: (parts, _a, { okta }) => {
    const roles = okta.roles.filter((r) => r.label === parts.leaf);
    return roles.length === 1 ? { id: roles[0]!.id } : missing(`custom role "${parts.leaf}"`);
  },
  okta_resource_set: (parts, _a, { okta }) => {
    const sets = okta.resourceSets.filter((s) => s.label === parts.leaf);
    return sets.length === 1 ? { id: sets[0]!.id } : missing(`resource set "${parts.leaf}"`);
  },
  okta_app_oauth_role_assignment: (_parts, _a, { okta }, resource) => {
    const setLabel = siblingName(resource, 'okta_resource_set');
    const set = okta.resourceSets.find((s) => s.label === setLabel);
    const assignment = set && okta.serviceApp?.roleAssignments.find((a) => a.resourceSet === set.id);
    return assignment && okta.serviceApp
      ? { id: `${okta.serviceApp.clientId}/${assignment.id}` }
      : missing(`role assignment of the service app on "${setLabel}"`);
  },
  okta_event_hook: (parts, _a, { okta }) => {
    const hooks = okta.eventHooks.filter((h) => h.name === parts.leaf);
    return hooks.length === 1 ? { id: hooks[0]!.id } : missing(`event hook "${parts.leaf}"`);
  },
  okta_request_condition: (parts, _a, { governance }) => {
    const id = governance.conditionImportIds.get(parts.leaf);
    return id ? { id } : missing(`request condition "${parts.leaf}"`);
  },
  oktapam_resource_group: (parts, _a, { opa }) => {
    const group = opa?.resourceGroups.find((g) => g.name === parts.leaf);
    return group ? { id: group.id } : missing(`OPA resource group "${parts.leaf}"`);
  },
  oktapam_resource_group_project: (parts, _a, { opa }) => {
    const group = opa?.resourceGroups.find((g) => g.name === parts.owners[0]);
    const project = group?.projects.find((p) => p.name === parts.leaf);
    return group && project ? { id: `${group.id}/${project.id}` } : missing(`OPA project "${parts.owners[0]}/${parts.leaf}"`);
  },
  oktapam_password_settings: (parts, _a, { opa }) => {
    const group = opa?.resourceGroups.find((g) => g.name === parts.owners[0]);
    const project = group?.projects.find((p) => p.name === parts.owners[1]);
    return group && project?.passwordSettings
      ? { id: `${group.id}/${project.id}` }
      : missing(`password settings of OPA project "${parts.owners[0]}/${parts.owners[1]}"`);
  },
  oktapam_security_policy_v2: (parts, _a, { opa }) => {
    const policy = opa?.policies.filter((p) => p.name === parts.leaf);
    return policy?.length === 1 ? { id: policy[0]!.id } : missing(`OPA security policy "${parts.leaf}"`);
  },
  servicenow_role: (parts, _a, sources) => snOne(sources, 'sys_user_role', `name=${parts.leaf}^ORnameENDSWITH.${parts.leaf}`, `role "${parts.leaf}"`),
  servicenow_service_catalog_item: (parts, _a, sources) => snOne(sources, 'sc_cat_item', `name=${parts.leaf}`, `catalog item "${parts.leaf}"`),
  servicenow_service_catalog_category: (parts, _a, sources) => snOne(sources, 'sc_category', `title=${parts.leaf}`, `catalog category "${parts.leaf}"`),
  servicenow_service_catalog: (parts, _a, sources) => snOne(sources, 'sc_catalog', `title=${parts.leaf}`, `catalog "${parts.leaf}"`),
  servicenow_service_catalog_variable: async (parts, _a, sources) => {
    const item = await snIdOf(sources, 'sc_cat_item', `name=${parts.owners[0]}`);
    return item
      ? snOne(sources, 'item_option_new', `cat_item=${item}^name=${parts.leaf}`, `variable "${parts.leaf}"`)
      : missing(`catalog item "${parts.owners[0]}"`);
  },
  servicenow_question_choice: async (parts, _a, sources) => {
    const item = await snIdOf(sources, 'sc_cat_item', `name=${parts.owners[0]}`);
    const variable = item && (await snIdOf(sources, 'item_option_new', `cat_item=${item}^name=${parts.owners[1]}`));
    return variable
      ? snOne(sources, 'question_choice', `question=${variable}^value=${parts.leaf}`, `choice "${parts.leaf}"`)
      : missing(`variable "${parts.owners[1]}"`);
  },
  servicenow_script_include: (parts, _a, sources) => snOne(sources, 'sys_script_include', `name=${parts.leaf}`, `script include "${parts.leaf}"`),
  servicenow_rest_message: (parts, _a, sources) => snOne(sources, 'sys_rest_message', `name=${parts.leaf}`, `REST message "${parts.leaf}"`),
  servicenow_rest_method: async (parts, _a, sources) => {
    const message = await snIdOf(sources, 'sys_rest_message', `name=${parts.owners[0]}`);
    return message
      ? snOne(sources, 'sys_rest_message_fn', `rest_message=${message}^function_name=${parts.leaf}`, `REST method "${parts.leaf}"`)
      : missing(`REST message "${parts.owners[0]}"`);
  },
  servicenow_business_rule: (parts, _a, sources) => snOne(sources, 'sys_script', `name=${parts.leaf}`, `business rule "${parts.leaf}"`),
  servicenow_system_property: (parts, _a, sources) => snOne(sources, 'sys_properties', `name=${parts.leaf}`, `system property "${parts.leaf}"`),
};
