/** Records the simulated org keeps. They are serialized to Okta's JSON shapes by `views.ts`. */

export type UserStatus = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'RECOVERY' | 'PASSWORD_EXPIRED' | 'LOCKED_OUT' | 'SUSPENDED' | 'DEPROVISIONED';

export type UserProfile = Record<string, unknown> & {
  login: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
};

export interface UserRecord {
  readonly id: string;
  status: UserStatus;
  readonly created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  profile: UserProfile;
  /** Whether a password (or a federated/social provider) was set, which decides ACTIVE vs PROVISIONED on activation. */
  hasCredential: boolean;
  providerType: 'OKTA' | 'FEDERATION' | 'SOCIAL' | 'IMPORT';
  providerName: string;
}

export type GroupType = 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';

export interface GroupRecord {
  readonly id: string;
  readonly created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  readonly type: GroupType;
  profile: { name: string; description: string | null };
}

export interface AppRecord {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly signOnMode: string;
  readonly created: string;
}

export interface RequestSequenceRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly compatibleResourceTypes: readonly string[];
}

/** Who performed a change, as it appears in System Log `actor`. */
export interface LogActor {
  readonly id: string;
  readonly type: string;
  readonly alternateId: string;
  readonly displayName: string;
}

/** A System Log `target[]` entry. */
export interface LogTarget {
  readonly id: string;
  readonly type: 'User' | 'UserGroup' | 'AppInstance';
  readonly alternateId: string;
  readonly displayName: string;
  readonly detailEntry: Record<string, unknown> | null;
}

/** A System Log event (`LogEvent`), the subset of fields the simulator fills. */
export interface LogEvent {
  readonly uuid: string;
  readonly published: string;
  readonly eventType: string;
  readonly version: '0';
  readonly displayMessage: string;
  readonly severity: 'INFO' | 'WARN' | 'ERROR' | 'DEBUG';
  readonly legacyEventType: string | null;
  readonly actor: LogActor & { detailEntry: null };
  readonly client: Record<string, unknown>;
  readonly outcome: { result: 'SUCCESS' | 'FAILURE'; reason: string | null };
  readonly target: readonly LogTarget[];
  readonly transaction: { type: 'WEB' | 'JOB'; id: string; detail: Record<string, unknown> };
  readonly debugContext: { debugData: Record<string, string> };
  readonly authenticationContext: Record<string, unknown>;
  readonly securityContext: Record<string, unknown>;
}

/**
 * The caller of one API operation: who it is (System Log actor) and the `X-Okta-Request-Id` of the call,
 * which the simulator copies into `transaction.id` and `debugContext.debugData.requestId`.
 */
export interface OperationContext {
  readonly actor: LogActor;
  readonly requestId: string;
  readonly requestUri: string;
  /** `WEB` for API calls (the default); `JOB` for Okta's own background work such as group rule evaluation. */
  readonly transactionType?: 'WEB' | 'JOB';
}
