import type { GuardrailSubject } from '../../rule';
import { asRecord, records } from '../../values';

/** One rule of an `oktapam_security_policy_v2`, with its conditions flattened. */
export interface PolicyRule {
  readonly name: string;
  readonly accessRequest?: Record<string, unknown>;
  readonly gateway?: Record<string, unknown>;
  readonly mfa?: Record<string, unknown>;
}

/**
 * The rules of a security policy that grant access to servers: any rule with at least one privilege.
 * `conditions` is a list in the provider schema; each element may carry any of the three conditions.
 */
export function serverAccessRules(subject: GuardrailSubject): PolicyRule[] | undefined {
  if (subject.kind !== 'resource' || subject.type !== 'oktapam_security_policy_v2') return undefined;
  return records(subject.attributes.rules)
    .filter((rule) => records(rule.privileges).length > 0)
    .map((rule) => {
      const conditions = records(rule.conditions);
      const pick = (key: string) => conditions.map((c) => asRecord(c[key])).find((c) => c !== undefined);
      return { name: String(rule.name ?? '(unnamed)'), accessRequest: pick('access_request'), gateway: pick('gateway'), mfa: pick('mfa') };
    });
}
