import { groupNameOf } from '../config/naming';
import type { EnvironmentConfig } from '../config/schema';

/**
 * Names of the server-access groups that are requestable and time-bound: those in the access scope of at least
 * one governance request condition (LP-OIG1 checks that each condition is time-bound and approved). A
 * server-access group no condition offers is granted only by hand, so it is not a safe policy principal.
 */
export function requestableGroupNames(config: EnvironmentConfig): string[] {
  const offered = new Set((config.governance?.conditions ?? []).flatMap((condition) => condition.accessScope));
  const { groupPrefix, serverAccessGroups } = config.identity;
  return serverAccessGroups.filter((group) => offered.has(group.key)).map((group) => groupNameOf(groupPrefix, 'access', group));
}
