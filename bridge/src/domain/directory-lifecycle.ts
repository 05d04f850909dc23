import { DirectoryError, OktaDirectory, OktaDirectoryFactory, OktaUser } from '../ports/okta-directory';
import { ExecutionJournal, ExecutionResult, LifecycleExecutor } from '../ports/lifecycle-executor';
import { dueAtOf, isDue } from './effective-date';
import { JmlRequest } from './jml-request';
import { ManagedGroupSet } from './managed-groups';
import { desiredProfile, profileChanges } from './okta-profile';
import { errorMessage, StepRun } from './step-run';

/** A failure the request itself causes (wrong person, missing user): retrying the same request cannot succeed. */
class RequestConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestConflict';
  }
}

interface Session {
  readonly request: JmlRequest;
  readonly dir: OktaDirectory;
  readonly run: StepRun;
  readonly journal: ExecutionJournal;
  readonly now: Date;
  readonly awaiting: Set<string>;
}

/**
 * Applies JML requests through the Okta Management API, one state-based step at a time.
 *
 * Every step first looks at Okta's current state and only then changes it, and treats Okta's "already so" answers
 * (duplicate login E0000001, already active E0000016, wrong status E0000038) as a cue to re-read, not as failures;
 * so a redelivered or replayed request converges instead of failing (docs/reference/okta-management-api.md §2.4: lifecycle operations are not
 * idempotent in Okta itself).
 */
export class DirectoryLifecycleExecutor implements LifecycleExecutor {
  constructor(
    private readonly directories: OktaDirectoryFactory,
    private readonly managedGroups: ManagedGroupSet,
  ) {}

  async apply(request: JmlRequest, context: { correlationId: string; now: Date }, journal: ExecutionJournal): Promise<ExecutionResult> {
    const session: Session = {
      request,
      dir: this.directories.forCalls((call) => journal.recordCall(call)),
      run: new StepRun(journal),
      journal,
      now: context.now,
      awaiting: new Set<string>(),
    };
    try {
      switch (request.action) {
        case 'joiner':
          return await this.joiner(session);
        case 'mover':
          return await this.mover(session);
        case 'leaver':
          return await this.leaver(session);
        case 'rehire':
          return await this.rehire(session);
      }
    } catch (error) {
      return this.failure(session, error);
    }
  }

  private async joiner(s: Session): Promise<ExecutionResult> {
    let user = await s.dir.findUser(s.request.user.login);
    if (user?.status === 'DEPROVISIONED') {
      this.assertSamePerson(s, user);
      await this.assertInPopulation(s, user);
      s.run.skipped('create user', `login already exists as DEPROVISIONED user ${user.id} of the same employee; applying as a rehire`);
      return this.rehireExisting(s, user);
    }
    if (!user) {
      user = await this.createStaged(s);
    } else {
      this.assertSamePerson(s, user);
      await this.assertInPopulation(s, user);
      s.run.skipped('create user', `user ${user.id} already exists with status ${user.status}`);
    }
    s.journal.setOktaUserId(user.id);
    await this.updateProfile(s, user);
    await this.addGroups(s, user.id, true);
    if (!isDue(s.request.effectiveDate, s.now)) {
      return this.staged(s, user, `user ${user.id} is staged until ${s.request.effectiveDate}; activation is scheduled`);
    }
    await this.activate(s, user);
    return this.applied(s, user, `joiner applied: user ${user.id} is active`);
  }

  private async mover(s: Session): Promise<ExecutionResult> {
    const user = await this.requireUser(s, 'send a joiner for a new person');
    if (user.status === 'DEPROVISIONED') {
      throw new RequestConflict(`user ${user.id} (${s.request.user.login}) is deactivated; a mover needs an active user, send a rehire first`);
    }
    this.assertSamePerson(s, user);
    if (!isDue(s.request.effectiveDate, s.now)) {
      return this.staged(s, user, `transfer of user ${user.id} is scheduled for ${s.request.effectiveDate}`);
    }
    await this.updateProfile(s, user);
    if (s.request.groups !== undefined) {
      await this.reconcileGroups(s, user.id, s.request.groups);
    } else {
      s.run.skipped('groups', 'request names no groups; explicit memberships left as they are');
    }
    return this.applied(s, user, `mover applied to user ${user.id}`);
  }

  private async leaver(s: Session): Promise<ExecutionResult> {
    const user = await s.dir.findUser(s.request.user.login);
    if (!user) {
      s.run.skipped('deactivate', `no Okta user with login ${s.request.user.login}; nothing to deactivate`);
      return { kind: 'applied', summary: 'leaver: no such user in Okta, nothing to do', awaiting: [] };
    }
    this.assertSamePerson(s, user);
    await this.assertInPopulation(s, user);
    s.journal.setOktaUserId(user.id);
    if (!isDue(s.request.effectiveDate, s.now)) {
      return this.staged(s, user, `deactivation of user ${user.id} is scheduled for ${s.request.effectiveDate}`);
    }
    if (user.status === 'DEPROVISIONED') {
      s.run.skipped('deactivate', `user ${user.id} is already DEPROVISIONED`);
      return this.applied(s, user, `leaver: user ${user.id} was already deactivated`);
    }
    await this.reconcileGroups(s, user.id, []);
    await this.deactivate(s, user);
    return this.applied(s, user, `leaver applied: user ${user.id} is deactivated`);
  }

  private async rehire(s: Session): Promise<ExecutionResult> {
    const user = await this.requireUser(s, 'send a joiner: a rehire reactivates an existing Okta user');
    this.assertSamePerson(s, user);
    return this.rehireExisting(s, user);
  }

  /** Activation comes first: Okta does not let a DEPROVISIONED user's profile or memberships change. */
  private async rehireExisting(s: Session, user: OktaUser): Promise<ExecutionResult> {
    s.journal.setOktaUserId(user.id);
    if (!isDue(s.request.effectiveDate, s.now)) {
      return this.staged(s, user, `reactivation of user ${user.id} is scheduled for ${s.request.effectiveDate}`);
    }
    await this.activate(s, user, true);
    const current = (await s.dir.findUser(s.request.user.login)) ?? user;
    await this.updateProfile(s, current);
    await this.addGroups(s, user.id, true);
    return this.applied(s, user, `rehire applied: user ${user.id} is active again`);
  }

  private async createStaged(s: Session): Promise<OktaUser> {
    const population = this.managedGroups.population;
    const groupIds = population ? [...(await s.dir.resolveGroupIds([population])).values()] : [];
    try {
      const created = await s.dir.createUser(desiredProfile(s.request.user), groupIds);
      s.awaiting.add('user.lifecycle.create');
      s.run.done('create user', `created STAGED user ${created.id}${population ? ` in ${population}` : ''}`, () => s.dir.deactivate(created.id));
      return created;
    } catch (error) {
      if (error instanceof DirectoryError && error.kind === 'duplicate-login') {
        const existing = await s.dir.findUser(s.request.user.login);
        if (!existing) {
          throw new DirectoryError('transient', `Okta reported login ${s.request.user.login} as taken but cannot find it yet`);
        }
        this.assertSamePerson(s, existing);
        await this.assertInPopulation(s, existing);
        s.run.skipped('create user', `login already taken by user ${existing.id} (a retried create); continuing with it`);
        return existing;
      }
      throw error;
    }
  }

  private async updateProfile(s: Session, user: OktaUser): Promise<void> {
    const { next, previous } = profileChanges(user.profile, desiredProfile(s.request.user));
    const keys = Object.keys(next);
    if (keys.length === 0) {
      s.run.skipped('update profile', 'profile already matches the request');
      return;
    }
    await s.dir.updateProfile(user.id, next);
    s.awaiting.add('user.account.update_profile');
    s.run.done('update profile', `set ${keys.sort().join(', ')}`, async () => {
      await s.dir.updateProfile(user.id, previous as Record<string, unknown>);
    });
  }

  /** Adds the requested groups (and, with `withPopulation`, the population group) the user is not in yet. */
  private async addGroups(s: Session, userId: string, withPopulation = false): Promise<void> {
    const population = withPopulation ? this.managedGroups.population : undefined;
    const requested = [...(population ? [population] : []), ...(s.request.groups ?? [])];
    if (requested.length === 0) {
      return;
    }
    const current = new Set((await s.dir.listGroups(userId)).map((g) => g.name));
    const ids = await s.dir.resolveGroupIds(requested.filter((n) => !current.has(n)));
    for (const name of requested) {
      if (current.has(name)) {
        s.run.skipped(`add to ${name}`, 'already a member');
        continue;
      }
      const groupId = ids.get(name) as string;
      await s.dir.addToGroup(groupId, userId);
      s.awaiting.add('group.user_membership.add');
      s.run.done(`add to ${name}`, `added to group ${groupId}`, () => s.dir.removeFromGroup(groupId, userId));
    }
  }

  /** Makes the explicitly assigned managed memberships equal to `desired`; birthright and unmanaged groups are left alone. */
  private async reconcileGroups(s: Session, userId: string, desired: readonly string[]): Promise<void> {
    const memberships = await s.dir.listGroups(userId);
    const currentNames = new Set(memberships.map((g) => g.name));
    for (const group of memberships) {
      if (this.managedGroups.isAssignable(group.name) && !desired.includes(group.name)) {
        await s.dir.removeFromGroup(group.id, userId);
        s.awaiting.add('group.user_membership.remove');
        s.run.done(`remove from ${group.name}`, `removed from group ${group.id}`, () => s.dir.addToGroup(group.id, userId));
      }
    }
    const missing = desired.filter((n) => !currentNames.has(n));
    if (missing.length === 0) {
      return;
    }
    const ids = await s.dir.resolveGroupIds(missing);
    for (const name of missing) {
      const groupId = ids.get(name) as string;
      await s.dir.addToGroup(groupId, userId);
      s.awaiting.add('group.user_membership.add');
      s.run.done(`add to ${name}`, `added to group ${groupId}`, () => s.dir.removeFromGroup(groupId, userId));
    }
  }

  /** Brings the user to an activated status: unsuspend a SUSPENDED user, activate a STAGED or DEPROVISIONED one. */
  private async activate(s: Session, user: OktaUser, undoable = false): Promise<void> {
    if (user.status === 'SUSPENDED') {
      await s.dir.unsuspend(user.id);
      s.awaiting.add('user.lifecycle.unsuspend');
      s.run.done('unsuspend', `user ${user.id} unsuspended`);
      return;
    }
    if (user.status === 'ACTIVE' || user.status === 'PROVISIONED') {
      s.run.skipped('activate', `user ${user.id} is already ${user.status}`);
      return;
    }
    try {
      await s.dir.activate(user.id);
      s.awaiting.add('user.lifecycle.activate');
      s.run.done('activate', `activated user ${user.id} (was ${user.status})`, undoable ? () => s.dir.deactivate(user.id) : undefined);
    } catch (error) {
      if (error instanceof DirectoryError && (error.kind === 'already-active' || error.kind === 'wrong-status')) {
        const now = await s.dir.findUser(s.request.user.login);
        if (now && (now.status === 'ACTIVE' || now.status === 'PROVISIONED')) {
          s.run.skipped('activate', `Okta answered ${error.errorCode ?? error.kind}; user ${user.id} is already ${now.status}`);
          return;
        }
      }
      throw error;
    }
  }

  private async deactivate(s: Session, user: OktaUser): Promise<void> {
    try {
      await s.dir.deactivate(user.id);
      s.awaiting.add('user.lifecycle.deactivate');
      s.run.done('deactivate', `deactivated user ${user.id} (was ${user.status})`);
    } catch (error) {
      if (error instanceof DirectoryError && error.kind === 'wrong-status') {
        const now = await s.dir.findUser(s.request.user.login);
        if (now?.status === 'DEPROVISIONED') {
          s.run.skipped('deactivate', `Okta answered ${error.errorCode ?? error.kind}; user ${user.id} is already DEPROVISIONED`);
          return;
        }
      }
      throw error;
    }
  }

  private async requireUser(s: Session, fix: string): Promise<OktaUser> {
    const user = await s.dir.findUser(s.request.user.login);
    if (!user) {
      throw new RequestConflict(`no Okta user has login ${s.request.user.login}; ${fix}`);
    }
    await this.assertInPopulation(s, user);
    s.journal.setOktaUserId(user.id);
    return user;
  }

  /** A login can be reused by a different person; never act on someone else's account. */
  private assertSamePerson(s: Session, user: OktaUser): void {
    const existing = user.profile.employeeNumber;
    if (existing !== undefined && existing !== null && existing !== '' && existing !== s.request.user.employeeNumber) {
      throw new RequestConflict(
        `login ${s.request.user.login} belongs to employee ${String(existing)} (user ${user.id}), not ${s.request.user.employeeNumber}; check the request's login`,
      );
    }
  }

  /**
   * The bridge only ever touches its own population: users in the population group, which every user it creates
   * joins. In production Okta's custom role refuses the rest too, but that must not be the only guard: an account made
   * by hand (an administrator, with or without an employeeNumber) is never moved, deactivated or reactivated here,
   * and a joiner for its login is a collision, not an account to take over.
   */
  private async assertInPopulation(s: Session, user: OktaUser): Promise<void> {
    const population = this.managedGroups.population;
    if (population === undefined) {
      return;
    }
    const groups = await s.dir.listGroups(user.id);
    if (!groups.some((g) => g.name === population)) {
      const fix =
        s.request.action === 'joiner'
          ? 'a joiner does not take over an existing account: choose another login, or onboard the account by hand'
          : `the bridge only changes users it onboarded; change this account by hand, or add it to ${population} deliberately first`;
      throw new RequestConflict(
        `login ${s.request.user.login} is Okta user ${user.id} (${user.status}), which is outside the bridge's population (not a member of ${population}); ${fix}`,
      );
    }
  }

  private staged(s: Session, user: OktaUser, summary: string): ExecutionResult {
    s.journal.setOktaUserId(user.id);
    return { kind: 'staged', oktaUserId: user.id, summary, dueAt: dueAtOf(s.request.effectiveDate) };
  }

  private applied(s: Session, user: OktaUser, summary: string): ExecutionResult {
    return { kind: 'applied', oktaUserId: user.id, summary, awaiting: [...s.awaiting].sort() };
  }

  private async failure(s: Session, error: unknown): Promise<ExecutionResult> {
    const transient = error instanceof DirectoryError && error.kind === 'transient';
    s.run.failed('apply', errorMessage(error));
    if (transient) {
      return {
        kind: 'failed',
        retryable: true,
        compensated: false,
        summary: `Okta kept failing after the bounded retries: ${errorMessage(error)}; replay the request once Okta recovers`,
      };
    }
    const hadChanges = s.run.changed;
    const compensated = hadChanges ? await s.run.compensate() : false;
    return {
      kind: 'failed',
      retryable: false,
      compensated,
      summary: hadChanges
        ? `${errorMessage(error)}; the changes made so far were ${compensated ? 'reverted' : 'only partly reverted (see steps)'}`
        : errorMessage(error),
    };
  }
}
