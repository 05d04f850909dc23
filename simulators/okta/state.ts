import type { AppRecord, GroupRecord, RequestSequenceRecord, UserRecord } from './model';
import { OrgInventory } from './inventory';
import { SearchIndex } from './search-index';

/**
 * The simulated org's data. Plain maps with lookups; every rule about what may change lives in `directory.ts`.
 */
export class OktaState {
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  /** groupId -> member user ids, in insertion order. */
  readonly memberships = new Map<string, Set<string>>();
  readonly apps = new Map<string, AppRecord>();
  /** resourceId -> request sequences usable for that resource. */
  readonly requestSequences = new Map<string, RequestSequenceRecord[]>();
  /** Configuration only adoption reads (rules not evaluated, OAuth apps, roles, hooks, conditions). */
  readonly inventory = new OrgInventory();
  /** The eventually consistent copy `search=` reads. */
  readonly searchIndex: SearchIndex;

  constructor(searchIndexDelayMs = 0) {
    this.searchIndex = new SearchIndex(searchIndexDelayMs);
  }

  /**
   * Finds a user by id, login, or login shortname (the part before `@`) when the shortname is unambiguous,
   * as `GET /api/v1/users/{idOrLogin}` does. Login comparison is case-insensitive like Okta's.
   */
  findUser(idOrLogin: string): UserRecord | undefined {
    const byId = this.users.get(idOrLogin);
    if (byId) {
      return byId;
    }
    const wanted = idOrLogin.toLowerCase();
    const all = [...this.users.values()];
    const byLogin = all.find((u) => u.profile.login.toLowerCase() === wanted);
    if (byLogin) {
      return byLogin;
    }
    const byShortname = all.filter((u) => u.profile.login.toLowerCase().split('@')[0] === wanted);
    return byShortname.length === 1 ? byShortname[0] : undefined;
  }

  findGroupByName(name: string): GroupRecord | undefined {
    return [...this.groups.values()].find((g) => g.profile.name === name);
  }

  membersOf(groupId: string): Set<string> {
    let members = this.memberships.get(groupId);
    if (!members) {
      members = new Set();
      this.memberships.set(groupId, members);
    }
    return members;
  }

  groupsOf(userId: string): GroupRecord[] {
    return [...this.groups.values()].filter((g) => this.memberships.get(g.id)?.has(userId));
  }
}
