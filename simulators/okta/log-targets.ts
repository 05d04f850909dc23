import type { GroupRecord, LogTarget, UserRecord } from './model';

/** System Log target for a user: alternateId is the login. */
export function userTarget(user: UserRecord): LogTarget {
  const name = [user.profile.firstName, user.profile.lastName].filter(Boolean).join(' ');
  return { id: user.id, type: 'User', alternateId: user.profile.login, displayName: name, detailEntry: null };
}

/**
 * System Log target for a group. The simulator puts the group name in alternateId; real events have been seen
 * with `"unknown"` there, so match groups by `id`.
 */
export function groupTarget(group: GroupRecord): LogTarget {
  return { id: group.id, type: 'UserGroup', alternateId: group.profile.name, displayName: group.profile.name, detailEntry: null };
}
