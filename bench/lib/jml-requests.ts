import type { JmlRequest } from '../../bridge/src/domain/jml-request';
import { signedHeaders as signHeaders } from '../../bridge/dev/local/sign-request';
import { sampleProfile } from '../../bridge/dev/harness/requests';

const today = () => new Date().toISOString().slice(0, 10);
const approvals = [{ approver: 'grace.hopper', approvedAt: '2026-11-29T10:15:00Z' }];

/** A requested item number and sys_id unique within a run (`seq` distinguishes them). */
export function requestIds(seq: number): { requestNumber: string; requestSysId: string } {
  return { requestNumber: `RITM${String(seq).padStart(7, '0')}`, requestSysId: `${'b'.repeat(20)}${seq.toString(16).padStart(12, '0')}` };
}

/** A joiner for `person` (a login local part) holding `groups` (managed group names). */
export function joiner(person: string, seq: number, groups: readonly string[] = []): JmlRequest {
  return {
    ...requestIds(seq),
    action: 'joiner',
    user: sampleProfile(person),
    effectiveDate: today(),
    ...(groups.length > 0 ? { groups } : {}),
    approvals,
    requestedBy: 'hr.partner',
  };
}

/** A mover of `person` to a new title (and `groups`). */
export function mover(person: string, seq: number, title: string, groups: readonly string[] = []): JmlRequest {
  return { ...joiner(person, seq, groups), action: 'mover', user: { ...joiner(person, seq).user, title } };
}

/** A leaver of `person`. */
export function leaver(person: string, seq: number): JmlRequest {
  return {
    ...requestIds(seq),
    action: 'leaver',
    user: { login: `${person}@example.com`, employeeNumber: `E-${person}` },
    effectiveDate: today(),
    approvals,
    requestedBy: 'hr.partner',
  };
}

/** Standard Webhooks headers for `body` under `secret`, with a fresh webhook-id unless one is given. */
export function signedHeaders(secret: string, body: string, webhookId?: string): Record<string, string> {
  return signHeaders(secret, body, webhookId ? { webhookId } : {});
}
