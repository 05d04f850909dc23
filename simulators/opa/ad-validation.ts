import { badRequest, notFound } from './errors';
import type { AdAccountRule, AdAccountRuleFields, AdPasswordSettings, EnhancedFilter, NamedObject, RuleSettings } from './model';
import type { OpaState } from './state';

/**
 * Request-body checks of the AD account endpoints. The SDK models mark no rule field required; what OPA itself
 * insists on is not documented, so these checks are the simulator's (assumed) and each 400 names the field.
 */
type Body = Record<string, unknown>;

const asBody = (value: unknown, what: string): Body => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${what} must be a JSON object`);
  return value as Body;
};

const FILTER_FIELDS = ['account_name', 'okta_group_name'];
const FILTER_OPERATORS = ['STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'EQUALS'];

function enhancedFilters(value: unknown, ouCount: number): EnhancedFilter[][] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > ouCount)
    throw badRequest('enhanced_filters must be a list with at most one list of filters per organizational unit');
  return value.map((inner, i) => {
    if (!Array.isArray(inner)) throw badRequest(`enhanced_filters[${i}] must be a list`);
    return inner.map((raw, j) => {
      const f = asBody(raw, `enhanced_filters[${i}][${j}]`);
      if (!FILTER_FIELDS.includes(f.field as string)) throw badRequest(`enhanced_filters[${i}][${j}].field must be one of ${FILTER_FIELDS.join(', ')}`);
      if (!FILTER_OPERATORS.includes(f.operator as string))
        throw badRequest(`enhanced_filters[${i}][${j}].operator must be one of ${FILTER_OPERATORS.join(', ')}`);
      if (typeof f.value !== 'string' || f.value.length === 0) throw badRequest(`enhanced_filters[${i}][${j}].value must be a non-empty string`);
      return { field: f.field, operator: f.operator, value: f.value } as EnhancedFilter;
    });
  });
}

function named(state: OpaState, value: unknown, field: 'resource_group' | 'project', resourceGroupId?: string): NamedObject {
  const id = asBody(value ?? {}, field).id;
  if (typeof id !== 'string') throw badRequest(`${field}.id is required`);
  if (field === 'resource_group') {
    const group = state.resourceGroups.get(id);
    if (!group) throw badRequest(`resource_group ${id} does not exist`);
    return { id, name: group.name, type: 'resource_group', missing: false };
  }
  const project = state.projects.get(id);
  if (!project || project.resource_group !== resourceGroupId) throw badRequest(`project ${id} does not exist in resource_group ${String(resourceGroupId)}`);
  return { id, name: project.name, type: 'project', missing: false };
}

/** A full `ActiveDirectoryAccountRuleRequest` (create and PUT replace), as stored. */
export function ruleFromRequest(state: OpaState, connectionId: string, raw: unknown, existing?: AdAccountRule): AdAccountRuleFields {
  const body = asBody(raw, 'the rule');
  if (typeof body.name !== 'string' || body.name.trim() === '') throw badRequest('name is required');
  if (body.rule_type !== 'SHARED' && body.rule_type !== 'INDIVIDUAL') throw badRequest('rule_type must be SHARED or INDIVIDUAL');
  const ous = body.organizational_units;
  if (!Array.isArray(ous) || ous.length === 0 || !ous.every((ou) => typeof ou === 'string' && ou.length > 0)) {
    throw badRequest('organizational_units must list at least one OU distinguished name');
  }
  const clash = (state.rules.get(connectionId) ?? []).find((r) => r.name === body.name && r.id !== existing?.id);
  if (clash) throw badRequest(`an account rule named "${body.name}" already exists (${clash.id})`);
  if (body.rule_type === 'INDIVIDUAL' && !state.ruleSettings.get(connectionId)?.is_configured) {
    throw badRequest('configure the account rule settings (POST rule_settings) before creating an INDIVIDUAL rule');
  }
  const resourceGroup = named(state, body.resource_group, 'resource_group');
  const filters = enhancedFilters(body.enhanced_filters, ous.length);
  return {
    name: body.name,
    rule_type: body.rule_type,
    organizational_units: [...ous] as string[],
    ...(filters ? { enhanced_filters: filters } : {}),
    enable_initial_password_rotation: body.enable_initial_password_rotation === true,
    enable_import_okta_users: body.enable_import_okta_users === true,
    resource_group: resourceGroup,
    project: named(state, body.project, 'project', resourceGroup.id),
  };
}

/** The reorder body: a JSON array of `{ rule_id, priority }`, priorities unique and >= 1. */
export function reorderFromRequest(raw: unknown, known: ReadonlySet<string>): Map<string, number> {
  if (!Array.isArray(raw)) throw badRequest('the reorder body must be a JSON array of { rule_id, priority }');
  const order = new Map<string, number>();
  const priorities = new Set<number>();
  raw.forEach((item, i) => {
    const entry = asBody(item, `[${i}]`);
    if (typeof entry.rule_id !== 'string' || !known.has(entry.rule_id)) throw notFound(`account rule ${String(entry.rule_id)}`);
    if (!Number.isInteger(entry.priority) || (entry.priority as number) < 1) throw badRequest(`[${i}].priority must be an integer >= 1`);
    if (priorities.has(entry.priority as number)) throw badRequest(`[${i}].priority ${String(entry.priority)} is given twice`);
    priorities.add(entry.priority as number);
    order.set(entry.rule_id, entry.priority as number);
  });
  return order;
}

const PARTIAL_OPERATORS = ['STARTS WITH', 'ENDS WITH'];

export function ruleSettingsFromRequest(raw: unknown): RuleSettings {
  const body = asBody(raw, 'the rule settings');
  const criteria = asBody(body.matching_criteria ?? {}, 'matching_criteria');
  const partial = body.partial_matching_criteria ?? [];
  if (!Array.isArray(partial)) throw badRequest('partial_matching_criteria must be a list');
  return {
    is_configured: body.is_configured !== false,
    matching_criteria: {
      username: criteria.username === true,
      first_and_last_name: criteria.first_and_last_name === true,
      display_name: criteria.display_name === true,
      email: criteria.email === true,
    },
    partial_matching_criteria: partial.map((item, i) => {
      const c = asBody(item, `partial_matching_criteria[${i}]`);
      if (!PARTIAL_OPERATORS.includes(c.operator as string)) throw badRequest(`partial_matching_criteria[${i}].operator must be "STARTS WITH" or "ENDS WITH"`);
      if (typeof c.match_value !== 'string' || c.match_value === '') throw badRequest(`partial_matching_criteria[${i}].match_value must be a non-empty string`);
      return { operator: c.operator as 'STARTS WITH' | 'ENDS WITH', match_value: c.match_value };
    }),
    allow_partial_matches: body.allow_partial_matches === true,
  };
}

/** `ActiveDirectoryPasswordPolicy`: enable_periodic_rotation, character_options and both lengths are required. */
export function adPasswordSettingsFromRequest(raw: unknown, now = new Date()): AdPasswordSettings {
  const body = asBody(raw, 'the password policy');
  if (typeof body.enable_periodic_rotation !== 'boolean') throw badRequest('enable_periodic_rotation is required (boolean)');
  const characters = asBody(body.character_options, 'character_options');
  const min = body.min_length_in_bytes;
  const max = body.max_length_in_bytes;
  if (!Number.isInteger(min) || !Number.isInteger(max) || (min as number) < 1 || (max as number) < (min as number)) {
    throw badRequest('min_length_in_bytes and max_length_in_bytes are required integers with 1 <= min <= max');
  }
  if (body.enable_periodic_rotation) {
    if (!Number.isInteger(body.periodic_rotation_duration_in_seconds) || (body.periodic_rotation_duration_in_seconds as number) <= 0) {
      throw badRequest('periodic_rotation_duration_in_seconds is required when enable_periodic_rotation is true');
    }
    if (!['ALL', 'INCLUDE', 'EXCLUDE'].includes(body.periodic_rotation_account_selector_mode as string)) {
      throw badRequest('periodic_rotation_account_selector_mode (ALL, INCLUDE or EXCLUDE) is required when enable_periodic_rotation is true');
    }
  }
  const { modified_at: _ignored, ...policy } = body;
  return {
    ...(policy as unknown as AdPasswordSettings),
    character_options: characters as AdPasswordSettings['character_options'],
    modified_at: now.toISOString(),
  };
}
