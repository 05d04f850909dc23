/**
 * The JML request as ServiceNow sends it, after signature and schema checks.
 *
 * Mirrors `docs/jml-request.schema.json` (the published contract): change both together.
 */

import type { JmlAction } from '../../contract/actions';

/** The four lifecycle intents a ServiceNow catalog request can carry (`bridge/contract/actions.ts`). */
export { JML_ACTIONS, type JmlAction } from '../../contract/actions';

/** The person the request is about. Leavers carry only `login` and `employeeNumber`. */
export interface JmlUser {
  readonly login: string;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly employeeNumber: string;
  readonly department?: string;
  readonly title?: string;
  readonly managerLogin?: string;
}

/** One approval exactly as ServiceNow recorded it; kept verbatim for the golden thread. */
export interface JmlApproval {
  readonly approver: string;
  readonly approvedAt: string;
}

export interface JmlRequest {
  /** ServiceNow requested item number, e.g. `RITM0010001`. */
  readonly requestNumber: string;
  /** The sys_id of that requested item: the Table API needs it to write work notes back. */
  readonly requestSysId: string;
  readonly action: JmlAction;
  readonly user: JmlUser;
  /** ISO calendar date (UTC). A date after today stages the change until that day. */
  readonly effectiveDate: string;
  /** Managed Okta group names to hold in addition to the birthright groups driven by group rules. */
  readonly groups?: readonly string[];
  readonly approvals: readonly JmlApproval[];
  readonly requestedBy: string;
}

/** The key that orders work per person: the lower-cased login (Okta logins are case-insensitive). */
export function userKeyOf(request: Pick<JmlRequest, 'user'>): string {
  return request.user.login.toLowerCase();
}
