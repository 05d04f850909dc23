import { managedGroupName, populationGroupName } from '../../config/naming';
import { DescriptionSchema } from '../../config/schema/common';
import type { OktaGroup, OktaInventory } from './inventory';
import { keyFromName, keyOnScheme, parseSimpleRule } from './names';
import type { Findings } from './report';

/** An adopted department, role or server-access group, as written to the environment file. */
export interface AdoptedEntry {
  readonly raw: Record<string, unknown>;
  /** Where it came from, written as a comment above the entry. */
  readonly source: string;
}

export interface IdentityFit {
  readonly departments: AdoptedEntry[];
  readonly roles: AdoptedEntry[];
  readonly serverAccessGroups: AdoptedEntry[];
  /** Okta group id -> `{ kind, key }` of the adopted entry, for governance references. */
  readonly keyOfGroupId: ReadonlyMap<string, { readonly kind: 'dept' | 'role' | 'access'; readonly key: string }>;
  /** Adopted group name -> id of its rule, for the rule's import. */
  readonly ruleIdOfGroup: ReadonlyMap<string, string>;
}

const describe = (group: OktaGroup) => `group "${group.name}" (${group.id})`;

/**
 * Sorts the org's groups into what the identity stack declares: a group assigned by exactly one simple rule is a
 * department (rule on `department`) or role group (rule on any other attribute); a group assigned to the Privileged
 * Access app and by no rule is a server-access group. Everything else is reported, never guessed.
 */
export function fitIdentity(okta: OktaInventory, prefix: string, findings: Findings): IdentityFit {
  const departments: AdoptedEntry[] = [];
  const roles: AdoptedEntry[] = [];
  const serverAccessGroups: AdoptedEntry[] = [];
  const keyOfGroupId = new Map<string, { kind: 'dept' | 'role' | 'access'; key: string }>();
  const ruleIdOfGroup = new Map<string, string>();
  const taken = { dept: new Set<string>(), role: new Set<string>(), access: new Set<string>() };
  const paGroups = new Set(okta.privilegedAccessGroupIds);
  const population = populationGroupName(prefix);

  const keyFor = (group: OktaGroup, kind: 'dept' | 'role' | 'access', fallbackName: string) => {
    const onScheme = keyOnScheme(group.name, prefix, kind);
    const key = onScheme !== undefined && !taken[kind].has(onScheme) ? onScheme : keyFromName(fallbackName, taken[kind]);
    taken[kind].add(key);
    const explicit = managedGroupName(prefix, kind, key) === group.name ? undefined : group.name;
    if (explicit !== undefined) {
      findings.add(
        'name-mapped',
        describe(group),
        `not named ${prefix}-${kind}-<key>; adopted as key "${key}" with groupName "${group.name}", so the group keeps its name`,
      );
    }
    return { key, explicit };
  };

  for (const group of okta.groups) {
    if (group.type === 'BUILT_IN') continue;
    if (group.type !== 'OKTA_GROUP') {
      findings.add('not-managed', describe(group), `a ${group.type} group; the project manages only Okta groups`);
      continue;
    }
    if (group.name === population) continue;
    const rules = okta.rules.filter((rule) => rule.groupIds.includes(group.id));
    const assigned = paGroups.has(group.id);
    if (assigned && rules.length > 0) {
      findings.add(
        'not-managed',
        describe(group),
        `assigned to the Privileged Access app and by rule ${rules.map((r) => `"${r.name}"`).join(', ')}; server-access groups are granted by request only, so it is not adopted`,
      );
      continue;
    }
    if (assigned) {
      const { key, explicit } = keyFor(group, 'access', group.name);
      const description =
        group.description && DescriptionSchema.safeParse(group.description).success ? group.description : `Adopted from the Okta group ${group.name}.`;
      if (description !== group.description) findings.add('changed', describe(group), `has no usable description; the first apply sets "${description}"`);
      serverAccessGroups.push({
        raw: { key, ...(explicit ? { groupName: explicit } : {}), description },
        source: `Okta ${describe(group)}, assigned to ${okta.privilegedAccessApp?.label ?? 'the Privileged Access app'}`,
      });
      keyOfGroupId.set(group.id, { kind: 'access', key });
      continue;
    }
    if (rules.length === 0) {
      findings.add('not-managed', describe(group), 'no group rule and not assigned to the Privileged Access app');
      continue;
    }
    if (rules.length > 1) {
      findings.add(
        'inexpressible',
        describe(group),
        `assigned by ${rules.length} rules (${rules.map((r) => `"${r.name}"`).join(', ')}); the project declares one rule per group`,
      );
      continue;
    }
    const rule = rules[0]!;
    if (rule.groupIds.length > 1) {
      findings.add('inexpressible', describe(group), `rule "${rule.name}" (${rule.id}) assigns ${rule.groupIds.length} groups; the project's rules assign one`);
      continue;
    }
    const parsed = parseSimpleRule(rule.expression);
    if ('reason' in parsed) {
      findings.add(
        'inexpressible',
        describe(group),
        `rule "${rule.name}" (${rule.id}) is ${JSON.stringify(rule.expression)}: ${parsed.reason}; the project declares only user.<attribute>=="<value>"`,
      );
      continue;
    }
    const kind = parsed.attribute === 'department' ? 'dept' : 'role';
    const { key, explicit } = keyFor(group, kind, parsed.value);
    const groupName = explicit ?? managedGroupName(prefix, kind, key);
    if (rule.name !== groupName)
      findings.add('changed', `rule "${rule.name}" (${rule.id})`, `renamed to "${groupName}" (the project names a rule after its group)`);
    if (!parsed.canonical)
      findings.add(
        'changed',
        `rule "${rule.name}" (${rule.id})`,
        `expression rewritten to the project's form of the same test (user.${parsed.attribute}=="…")`,
      );
    if (rule.status !== 'ACTIVE')
      findings.add(
        'widened',
        `rule "${rule.name}" (${rule.id})`,
        `is ${rule.status}; the project declares rules ACTIVE, so the first apply starts assigning ${group.name}`,
      );
    const defaultDescription =
      kind === 'dept'
        ? `Members of the ${parsed.value} department (birthright, by rule).`
        : `Holders of the ${parsed.value} role (birthright, by rule on ${parsed.attribute}).`;
    const description =
      group.description && group.description !== defaultDescription && DescriptionSchema.safeParse(group.description).success ? group.description : undefined;
    if (!group.description) findings.add('changed', describe(group), `has no description; the first apply sets "${defaultDescription}"`);
    const raw: Record<string, unknown> = {
      key,
      ...(explicit ? { groupName: explicit } : {}),
      value: parsed.value,
      ...(kind === 'role' && parsed.attribute !== 'title' ? { attribute: parsed.attribute } : {}),
      ...(description ? { description } : {}),
    };
    (kind === 'dept' ? departments : roles).push({ raw, source: `Okta ${describe(group)}, rule "${rule.name}" (${rule.id}): ${rule.expression}` });
    keyOfGroupId.set(group.id, { kind, key });
    ruleIdOfGroup.set(groupName, rule.id);
  }
  return { departments, roles, serverAccessGroups, keyOfGroupId, ruleIdOfGroup };
}
