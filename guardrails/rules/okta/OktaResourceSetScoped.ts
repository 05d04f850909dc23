import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asList, referencedAddress } from '../../values';

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

/** The group id inside `.../api/v1/groups/<id>[/users]` or `orn:...:groups:<id>[:contained_resources]`, if any. */
function groupOf(resource: string): string | undefined {
  return /\/api\/v1\/groups\/([^/]+)/.exec(resource)?.[1] ?? /^orn:[^:]*:directory:[^:]*:groups:([^:]+)/.exec(resource)?.[1];
}

/**
 * True when the group is Okta's built-in Everyone group (every user of the org): the `okta_everyone_group` data
 * source, or a group resource or lookup named "Everyone" or of type BUILT_IN.
 */
function isEveryone(subject: GuardrailSubject, group: string): boolean {
  const address = referencedAddress(group);
  if (!address) return /everyone/i.test(group);
  if (address.startsWith('data.okta_everyone_group.')) return true;
  const target = subject.stack.lookup(address);
  return target?.attributes.name === 'Everyone' || target?.attributes.type === 'BUILT_IN';
}

/**
 * True when an entry is not a literal URL or ORN with plain references in it (`${okta_group.x.id}`): a list built in
 * Terraform (`${[for g in data.okta_groups.all.groups : ...]}`) or a function call can name anything.
 */
function isComputed(resource: string): boolean {
  if (!/^(?:https:\/\/|orn:)/.test(resource)) return true;
  const expressions = resource.match(/\$\{[^{}]*\}/g) ?? [];
  return expressions.some((e) => !/^\$\{[\w.-]+\}$/.test(e)) || resource.replace(/\$\{[^{}]*\}/g, '').includes('${');
}

/**
 * A resource set holds specific groups (and their users) or apps, never a whole collection of the org, never the
 * Everyone group or its users (that is every user, by another name), and never a list computed in Terraform.
 */
export function OktaResourceSetScoped(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_resource_set') return Compliance.NOT_APPLICABLE;
  const resources = asList(subject.attributes.resources);
  if (resources.length === 0) return ['Resource::none'];
  return resources
    .filter((r) => {
      if (typeof r !== 'string' || isComputed(r) || isOrgWide(r)) return true;
      const group = groupOf(r);
      return group !== undefined && isEveryone(subject, group);
    })
    .map((r) => `Resource::${String(r)}`);
}
