import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asList, strings } from '../../values';
import { LIMITS } from './documented-limits';
import type { OrgCounts } from './org-inventory';

/** A resource set holds at most 1,000 resources. */
export function OktaResourceSetSize(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_resource_set') return Compliance.NOT_APPLICABLE;
  const count = asList(subject.attributes.resources).length + asList(subject.attributes.resources_orn).length;
  return count > LIMITS.oktaResourcesPerResourceSet.value ? [`Resources::${count}`] : [];
}

/** A group rule's name is at most 50 characters and it assigns at most 100 groups. */
export function OktaGroupRuleWithinLimits(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_group_rule') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const name = subject.attributes.name;
  if (typeof name === 'string' && [...name].length > LIMITS.oktaGroupRuleNameChars.value) findings.push(`Name::${name}`);
  const groups = strings(subject.attributes.group_assignments).length;
  if (groups > LIMITS.oktaGroupsPerRule.value) findings.push(`GroupAssignments::${groups}`);
  return findings;
}

/**
 * What `build` derives from a stack's elements, computed once per stack: a rule that compares an element with its
 * stack's other elements would otherwise rescan the stack for each of them (quadratic at thousands of resources).
 */
function perStack<T>(build: (elements: GuardrailSubject['stack']['elements']) => T): (stack: GuardrailSubject['stack']) => T {
  const built = new WeakMap<GuardrailSubject['stack'], T>();
  return (stack) => {
    if (!built.has(stack)) built.set(stack, build(stack.elements));
    return built.get(stack)!;
  };
}

function bindingKey(subject: GuardrailSubject): string {
  return `${String(subject.attributes.role)}\u0000${String(subject.attributes.resource_set)}`;
}

/** Assignments of each role and resource set combination in a stack. */
const bindingsOf = perStack((elements) => {
  const bindings = new Map<string, GuardrailSubject[]>();
  for (const e of elements) {
    if (e.kind !== 'resource' || e.type !== 'okta_app_oauth_role_assignment') continue;
    const key = bindingKey(e);
    const list = bindings.get(key);
    if (list) list.push(e);
    else bindings.set(key, [e]);
  }
  return bindings;
});

/** At most 1,000 admins hold the same role on the same resource set: counted over this stack's assignments. */
export function OktaAdminsPerRoleBinding(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_app_oauth_role_assignment') return Compliance.NOT_APPLICABLE;
  const bindings = bindingsOf(subject.stack);
  const same = bindings.get(bindingKey(subject)) ?? [];
  // Reported once, on the first assignment of the binding.
  if (same[0]?.address !== subject.address) return [];
  return same.length > LIMITS.oktaAdminsPerRoleAndResourceSet.value ? [`Admins::${same.length}`] : [];
}

/**
 * A rule for a per-org count (group rules, custom roles, resource sets, event hooks): the total of `type` over every
 * stack of the environment that manages the same Okta org, from `counts`; reported once per stack, on its first
 * element of `type`. Without org counts (a stack with no Okta provider), the stack's own elements are counted.
 */
export function oktaOrgCountWithinLimit(type: string, limit: number, counts: OrgCounts): (subject: GuardrailSubject) => RuleResult {
  // The first element of `type` in each stack, found once per stack: a scan per element was quadratic (6,000 group rules).
  const firstOf = perStack((elements) => elements.find((e) => e.kind === 'resource' && e.type === type));
  return (subject) => {
    if (subject.kind !== 'resource' || subject.type !== type) return Compliance.NOT_APPLICABLE;
    const first = firstOf(subject.stack);
    if (first?.address !== subject.address) return [];
    const inOrg = counts(subject.stack.path, type);
    const total = inOrg ?? subject.stack.elements.filter((e) => e.kind === 'resource' && e.type === type).length;
    return total > limit ? [`PerOrg::${total}`] : [];
  };
}

/** The groups a stack's group rules assign (their `group_assignments`, ids or references). */
const ruleTargetsOf = perStack((elements) => {
  const targets = new Set<string>();
  for (const e of elements)
    if (e.kind === 'resource' && e.type === 'okta_group_rule') for (const group of strings(e.attributes.group_assignments)) targets.add(group);
  return targets;
});

/**
 * What an expression could name a group by: each `${...}` reference, each quoted string's content and each bare word.
 * Looked up in the stack's rule targets, so the rule costs the length of the expression, not the number of rules.
 */
function groupMentions(expression: string): string[] {
  const references = [...expression.matchAll(/\$\{[^}]*\}/g)].map((m) => m[0]);
  const quoted = [...expression.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] ?? m[2] ?? '');
  const words = expression.match(/[\w.-]+/g) ?? [];
  return [...references, ...quoted, ...words];
}

/**
 * No cascading rules: a group rule's expression must not name a group that a group rule populates. Okta documents
 * cascades as a cause of performance problems to avoid (one rule assigns the groups together instead); within one
 * evaluation Okta does not promise the first rule's result is visible to the second, so a cascade is also a
 * membership that may lag. Checked over the stack's own rules, by the id or reference each rule assigns.
 */
export function OktaGroupRuleNotCascading(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_group_rule') return Compliance.NOT_APPLICABLE;
  const targets = ruleTargetsOf(subject.stack);
  const expression = subject.attributes.expression_value;
  if (typeof expression !== 'string') return [];
  return [...new Set(groupMentions(expression))].filter((group) => targets.has(group)).map((group) => `Cascades::${group}`);
}
