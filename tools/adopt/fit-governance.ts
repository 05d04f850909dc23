import { durationMinutes } from '../../config/schema/governance';
import { KeySchema } from '../../config/schema/common';
import type { IdentityFit } from './fit-identity';
import type { OktaInventory } from './inventory';
import { keyFromName } from './names';
import type { Findings } from './report';

export interface GovernanceFit {
  /** The `governance` section, or undefined when the app has no adoptable condition. */
  readonly raw?: Record<string, unknown>;
  /** Condition key -> where it came from. */
  readonly sources: ReadonlyMap<string, string>;
  /** Approval sequence name -> id, for `<env>.lookups.json`. */
  readonly approvalSequences: Readonly<Record<string, string>>;
  /** Condition name -> `<resource id>/<condition id>`, the import id of okta_request_condition. */
  readonly conditionImportIds: ReadonlyMap<string, string>;
}

/**
 * Request conditions of the Privileged Access app, in priority order, as `governance.conditions`: each must grant
 * adopted server-access groups to adopted department or role groups, with a sequence the app lists.
 */
export function fitGovernance(okta: OktaInventory, identity: IdentityFit, prefix: string, baseCeiling: string | undefined, findings: Findings): GovernanceFit {
  const app = okta.privilegedAccessApp;
  const sources = new Map<string, string>();
  const conditionImportIds = new Map<string, string>();
  const approvalSequences: Record<string, string> = {};
  if (!app || okta.conditions.length === 0) return { sources, approvalSequences, conditionImportIds };
  const taken = new Set<string>();
  const conditions: Record<string, unknown>[] = [];
  for (const condition of [...okta.conditions].sort((a, b) => a.priority - b.priority)) {
    const object = `request condition "${condition.name}" (${condition.id})`;
    const scope = condition.accessScopeGroupIds.map((id) => identity.keyOfGroupId.get(id));
    if (scope.length === 0 || scope.some((entry) => entry?.kind !== 'access')) {
      findings.add(
        'not-managed',
        object,
        'grants groups that are not adopted server-access groups; the project grants only those, so the condition stays outside Terraform',
      );
      continue;
    }
    if (condition.requesterGroupIds === undefined) {
      findings.add(
        'not-managed',
        object,
        'anyone may request (EVERYONE); the project names department or role groups, so the condition stays outside Terraform',
      );
      continue;
    }
    const requesters = condition.requesterGroupIds.map((id) => identity.keyOfGroupId.get(id));
    if (requesters.length === 0 || requesters.some((entry) => entry === undefined || entry.kind === 'access')) {
      findings.add('not-managed', object, 'its requesters are not all adopted department or role groups, so the condition stays outside Terraform');
      continue;
    }
    const sequence = okta.sequences.find((s) => s.id === condition.approvalSequenceId);
    if (!sequence) {
      findings.add('not-managed', object, `approval sequence ${condition.approvalSequenceId} is not listed on the app; the condition stays outside Terraform`);
      continue;
    }
    if (okta.sequences.filter((s) => s.name === sequence.name).length > 1) {
      findings.add(
        'not-managed',
        object,
        `its approval sequence name "${sequence.name}" is not unique on the app; rename the duplicates in Okta, then adopt again`,
      );
      continue;
    }
    const onScheme = condition.name.startsWith(`${prefix}-`) ? condition.name.slice(prefix.length + 1) : undefined;
    const key = onScheme !== undefined && KeySchema.safeParse(onScheme).success && !taken.has(onScheme) ? onScheme : keyFromName(condition.name, taken);
    taken.add(key);
    if (`${prefix}-${key}` !== condition.name)
      findings.add('changed', object, `renamed to "${prefix}-${key}" (the project names conditions <groupPrefix>-<key>)`);
    if (condition.status !== 'ACTIVE')
      findings.add('widened', object, `is ${condition.status}; the project declares conditions ACTIVE, so the first apply makes it requestable`);
    approvalSequences[sequence.name] = sequence.id;
    conditions.push({
      key,
      ...(condition.description ? { description: condition.description } : {}),
      accessScope: scope.map((entry) => entry!.key),
      requesters: {
        ...(requesters.some((e) => e!.kind === 'dept') ? { departments: requesters.filter((e) => e!.kind === 'dept').map((e) => e!.key) } : {}),
        ...(requesters.some((e) => e!.kind === 'role') ? { roles: requesters.filter((e) => e!.kind === 'role').map((e) => e!.key) } : {}),
      },
      accessDuration: condition.accessDuration,
      ...(condition.durationType === 'ADMIN_FIXED_DURATION' ? { durationChosenBy: 'admin' } : {}),
      approvalSequence: sequence.name,
    });
    sources.set(key, `Okta ${object}, priority ${condition.priority}`);
    conditionImportIds.set(`${prefix}-${key}`, `${app.id}/${condition.id}`);
  }
  if (conditions.length === 0) return { sources, approvalSequences, conditionImportIds };
  const longest = conditions.map((c) => c.accessDuration as string).reduce((a, b) => (durationMinutes(a) >= durationMinutes(b) ? a : b));
  const ceiling = baseCeiling !== undefined && durationMinutes(baseCeiling) >= durationMinutes(longest) ? baseCeiling : longest;
  return {
    raw: { accessDurationCeiling: ceiling, ...(okta.requestOnBehalfOf ? { requestOnBehalfOf: true } : {}), conditions },
    sources,
    approvalSequences,
    conditionImportIds,
  };
}
