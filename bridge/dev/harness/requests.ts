import { JmlRequest } from '../../src/domain/jml-request';
import { newThread, OktaCallRecord, ThreadRecord } from '../../src/domain/thread';

let sequence = 0;

/** Today's date (UTC) as the schema's `effectiveDate`, shifted by `days`. */
export function isoDate(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The full profile of a sample person (`person` is the login's local part), as a joiner or mover sends it. */
export function sampleProfile(person: string): JmlRequest['user'] & { email: string } {
  return {
    login: `${person}@example.com`,
    email: `${person}@example.com`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    employeeNumber: `E-${person}`,
    department: 'Engineering',
    title: 'Site Reliability Engineer',
  };
}

/** A valid request of the given action for a unique person; override any field. */
export function jmlRequest(action: JmlRequest['action'], overrides: Partial<JmlRequest> & { person?: string } = {}): JmlRequest {
  sequence += 1;
  const person = overrides.person ?? `person${Date.now().toString(36)}${sequence}`;
  const { person: _ignored, ...rest } = overrides;
  const user = action === 'leaver' ? { login: `${person}@example.com`, employeeNumber: `E-${person}` } : sampleProfile(person);
  return {
    requestNumber: `RITM${String(1_000_000 + sequence).padStart(7, '0')}`,
    requestSysId: `${'0'.repeat(24)}${sequence.toString(16).padStart(8, '0')}`,
    action,
    user,
    effectiveDate: isoDate(0),
    approvals: [{ approver: 'grace.hopper', approvedAt: '2026-11-29T10:15:00Z' }],
    requestedBy: 'hr.partner',
    ...rest,
  };
}

/** A new thread record of `request`, as the intake makes one, under a webhook id made from its request number. */
export function threadOf(request: JmlRequest, now: string = new Date().toISOString()): ThreadRecord {
  return newThread({
    threadKey: `msg_${request.requestNumber}#${request.requestNumber}`,
    correlationId: `c-${request.requestNumber}`,
    webhookId: `msg_${request.requestNumber}`,
    bodyHash: 'h',
    request,
    userKey: request.user.login,
    now,
  });
}

/** One Okta call as the worker records it on a thread, answered 200 now. */
export function oktaCall(method: string, path: string, oktaRequestId?: string): OktaCallRecord {
  return { method, path, status: 200, ...(oktaRequestId ? { oktaRequestId } : {}), at: new Date().toISOString(), durationMs: 2 };
}
