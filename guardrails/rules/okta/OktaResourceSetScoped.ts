import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asList } from '../../values';

/**
 * True when a resource-set entry names every object of a kind rather than specific ones:
 * `https://org/api/v1/users`, `.../api/v1/groups`, or the ORN form `orn:okta:directory:<org>:users`.
 */
export function isOrgWide(resource: string): boolean {
  const api = /\/api\/v1\/(.*)$/.exec(resource);
  if (api) return api[1].split('/').filter(Boolean).length <= 1;
  if (resource.startsWith('orn:')) return resource.split(':').length <= 5;
  return false;
}

/** A resource set holds specific groups (and their users) or apps, never a whole collection of the org. */
export function OktaResourceSetScoped(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_resource_set') return Compliance.NOT_APPLICABLE;
  const resources = asList(subject.attributes.resources);
  if (resources.length === 0) return ['Resource::none'];
  return resources.filter((r) => typeof r !== 'string' || isOrgWide(r)).map((r) => `Resource::${String(r)}`);
}
