import { OktaCallRecord } from '../domain/thread';

/** Okta user statuses (Management API `UserStatus`). */
export type OktaUserStatus = 'ACTIVE' | 'DEPROVISIONED' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED' | 'PROVISIONED' | 'RECOVERY' | 'STAGED' | 'SUSPENDED';

export interface OktaUser {
  readonly id: string;
  readonly status: OktaUserStatus;
  readonly profile: Readonly<Record<string, unknown>>;
}

export interface OktaGroupRef {
  readonly id: string;
  readonly name: string;
}

/**
 * Why an Okta call failed, in terms the domain acts on.
 *
 * - `not-found`: 404 (E0000007).
 * - `duplicate-login`: 400 E0000001 with "already exists" (create raced or was retried).
 * - `already-active`: 403 E0000016 on activate.
 * - `wrong-status`: 403 E0000038, the lifecycle move is not allowed from the user's current status.
 * - `transient`: 429 or 5xx or a network error still failing after the adapter's bounded retries.
 * - `permanent`: anything else (400 validation, 401/403 permission): retrying will not help.
 */
export type DirectoryErrorKind = 'not-found' | 'duplicate-login' | 'already-active' | 'wrong-status' | 'transient' | 'permanent';

export class DirectoryError extends Error {
  constructor(
    readonly kind: DirectoryErrorKind,
    message: string,
    readonly status?: number,
    readonly errorCode?: string,
    readonly oktaRequestId?: string,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

/**
 * Receives every HTTP call made on behalf of one request, for the golden thread. When it returns a promise (the call
 * is being saved), the answer is handed on only once it settles.
 */
export type CallSink = (call: OktaCallRecord) => void | Promise<void>;

/** The Okta Management API operations the lifecycle steps need. All methods throw {@link DirectoryError}. */
export interface OktaDirectory {
  /** GET /api/v1/users/{login}: the strongly consistent lookup (search is eventually consistent). */
  findUser(login: string): Promise<OktaUser | undefined>;
  /** POST /api/v1/users?activate=false with `groupIds`: creates a STAGED user already in those groups. */
  createUser(profile: Record<string, unknown>, groupIds: readonly string[]): Promise<OktaUser>;
  /** POST /api/v1/users/{id}: partial profile update. */
  updateProfile(userId: string, profile: Record<string, unknown>): Promise<OktaUser>;
  activate(userId: string): Promise<void>;
  deactivate(userId: string): Promise<void>;
  unsuspend(userId: string): Promise<void>;
  listGroups(userId: string): Promise<OktaGroupRef[]>;
  addToGroup(groupId: string, userId: string): Promise<void>;
  removeFromGroup(groupId: string, userId: string): Promise<void>;
  /** Resolves managed group names to ids (cached); throws `permanent` naming any group Okta does not have. */
  resolveGroupIds(names: readonly string[]): Promise<Map<string, string>>;
}

/** Hands out directory views whose calls are reported to one request's sink. */
export interface OktaDirectoryFactory {
  forCalls(sink: CallSink): OktaDirectory;
}
