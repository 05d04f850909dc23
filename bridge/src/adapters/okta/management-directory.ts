import type { Client } from '@okta/okta-sdk-nodejs';
import { CallSink, DirectoryError, OktaDirectory, OktaDirectoryFactory, OktaGroupRef, OktaUser, OktaUserStatus } from '../../ports/okta-directory';
import { callContext } from './call-context';
import { toDirectoryError } from './error-mapping';

interface SdkUser {
  id?: string;
  status?: string;
  profile?: object;
}

interface SdkGroup {
  id?: string;
  profile?: { name?: string };
}

/**
 * Resolves managed group names to ids through the Okta groups API and remembers them: the bridge receives names
 * from configuration and never needs ids from Terraform. Entries expire so a re-created group is picked up.
 */
class GroupIdCache {
  private readonly entries = new Map<string, { id: string; at: number }>();

  constructor(private readonly ttlMs: number) {}

  get(name: string): string | undefined {
    const entry = this.entries.get(name);
    if (entry && Date.now() - entry.at < this.ttlMs) {
      return entry.id;
    }
    this.entries.delete(name);
    return undefined;
  }

  set(name: string, id: string): void {
    this.entries.set(name, { id, at: Date.now() });
  }
}

/**
 * {@link OktaDirectoryFactory} on the official Okta SDK (`@okta/okta-sdk-nodejs` v8, OAuth private_key_jwt).
 * Each view runs its SDK calls inside the request's call context, so the request executor can attribute every
 * HTTP exchange (and its `X-Okta-Request-Id`) to the right golden thread.
 */
export class SdkOktaDirectoryFactory implements OktaDirectoryFactory {
  private readonly groupIds: GroupIdCache;

  constructor(
    private readonly client: Client,
    groupCacheTtlMs = 10 * 60 * 1000,
  ) {
    this.groupIds = new GroupIdCache(groupCacheTtlMs);
  }

  forCalls(sink: CallSink): OktaDirectory {
    return new SdkOktaDirectory(this.client, sink, this.groupIds);
  }
}

class SdkOktaDirectory implements OktaDirectory {
  constructor(
    private readonly client: Client,
    private readonly sink: CallSink,
    private readonly groupIds: GroupIdCache,
  ) {}

  async findUser(login: string): Promise<OktaUser | undefined> {
    try {
      const user = await this.call('get user', () => this.client.userApi.getUser({ userId: login }));
      return toUser(user as SdkUser);
    } catch (error) {
      if (error instanceof DirectoryError && error.kind === 'not-found') {
        return undefined;
      }
      throw error;
    }
  }

  async createUser(profile: Record<string, unknown>, groupIds: readonly string[]): Promise<OktaUser> {
    const body = { profile: profile as never, ...(groupIds.length > 0 ? { groupIds: [...groupIds] } : {}) };
    const user = await this.call('create user', () => this.client.userApi.createUser({ body, activate: false }));
    return toUser(user as SdkUser);
  }

  async updateProfile(userId: string, profile: Record<string, unknown>): Promise<OktaUser> {
    const user = await this.call('update user profile', () => this.client.userApi.updateUser({ userId, user: { profile: profile as never } }));
    return toUser(user as SdkUser);
  }

  async activate(userId: string): Promise<void> {
    await this.call('activate user', () => this.client.userApi.activateUser({ userId, sendEmail: false }));
  }

  async deactivate(userId: string): Promise<void> {
    await this.call('deactivate user', () => this.client.userApi.deactivateUser({ userId, sendEmail: false }));
  }

  async unsuspend(userId: string): Promise<void> {
    await this.call('unsuspend user', () => this.client.userApi.unsuspendUser({ userId }));
  }

  async listGroups(userId: string): Promise<OktaGroupRef[]> {
    return this.call('list user groups', async () => {
      const groups: OktaGroupRef[] = [];
      const collection = await this.client.userApi.listUserGroups({ userId });
      for await (const group of collection) {
        const g = group as SdkGroup | null;
        if (g?.id) {
          groups.push({ id: g.id, name: g.profile?.name ?? '' });
        }
      }
      return groups;
    });
  }

  async addToGroup(groupId: string, userId: string): Promise<void> {
    await this.call('add user to group', () => this.client.groupApi.assignUserToGroup({ groupId, userId }));
  }

  async removeFromGroup(groupId: string, userId: string): Promise<void> {
    await this.call('remove user from group', () => this.client.groupApi.unassignUserFromGroup({ groupId, userId }));
  }

  async resolveGroupIds(names: readonly string[]): Promise<Map<string, string>> {
    const resolved = new Map<string, string>();
    for (const name of names) {
      const cached = this.groupIds.get(name);
      if (cached) {
        resolved.set(name, cached);
        continue;
      }
      const id = await this.call('find group by name', async () => {
        // `q` is a prefix match on the name (docs/reference/okta-management-api.md §2.2 for users; groups behave alike), so compare exactly.
        const collection = await this.client.groupApi.listGroups({ q: name, limit: 200 });
        for await (const group of collection) {
          const g = group as SdkGroup | null;
          if (g?.id && g.profile?.name === name) {
            return g.id;
          }
        }
        return undefined;
      });
      if (!id) {
        throw new DirectoryError(
          'permanent',
          `managed group '${name}' does not exist in Okta; deploy the identity stack of this environment (it creates the managed groups) or remove the group from the request`,
        );
      }
      this.groupIds.set(name, id);
      resolved.set(name, id);
    }
    return resolved;
  }

  private call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    return callContext.run(this.sink, async () => {
      try {
        return await fn();
      } catch (error) {
        throw toDirectoryError(error, operation);
      }
    });
  }
}

function toUser(user: SdkUser): OktaUser {
  if (!user.id || !user.status) {
    throw new DirectoryError('permanent', 'Okta returned a user without id or status; the response does not match the Management API');
  }
  return { id: user.id, status: user.status as OktaUserStatus, profile: { ...(user.profile ?? {}) } };
}
