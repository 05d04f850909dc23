import { randomBytes } from 'node:crypto';
import { JML_VARIABLE_NAMES, type JmlVariableField } from '../../../constructs/jml-signing-script';
import { type GlideWorld, newWorld, RequestItemStandIn, type VariableValue } from './glide-stand-ins';

export const ITEM_SYS_ID = '0123456789abcdef0123456789abcdef';
export const OPENER_SYS_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const APPROVER_SYS_ID = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

/** A fresh Standard Webhooks secret, as an administrator would generate it for the bridge and the instance. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** An instance with the opener, the approver, one approval of the item and the signing secret set. */
export function worldWith(secret: string, overrides: Partial<GlideWorld> = {}): GlideWorld {
  return newWorld({
    tables: {
      sys_user: [
        { sys_id: OPENER_SYS_ID, user_name: 'hr.partner', email: 'hr.partner@example.com' },
        { sys_id: APPROVER_SYS_ID, user_name: 'grace.hopper', email: 'grace.hopper@example.com' },
      ],
      sysapproval_approver: [
        { sys_id: 'c'.repeat(32), sysapproval: ITEM_SYS_ID, approver: APPROVER_SYS_ID, state: 'approved', sys_updated_on: '2026-11-29 10:15:00' },
        { sys_id: 'd'.repeat(32), sysapproval: ITEM_SYS_ID, approver: OPENER_SYS_ID, state: 'rejected', sys_updated_on: '2026-11-29 10:10:00' },
      ],
    },
    properties: { 'jml.bridge.signing_secret': secret },
    ...overrides,
  });
}

/** Variables of a joiner request, by request field. */
export const JOINER: Readonly<Record<JmlVariableField, VariableValue>> = {
  action: { value: 'joiner', text: 'Joiner (new hire)' },
  login: { value: 'ada.lovelace@example.com' },
  email: { value: 'ada.lovelace@example.com' },
  firstName: { value: 'Ada' },
  lastName: { value: 'Lovelace' },
  employeeNumber: { value: 'E1001' },
  department: { value: 'legal', text: 'Legal "Counsel" \\ Compliance' },
  title: { value: 'sre', text: 'Site Reliability Engineer' },
  managerLogin: { value: 'grace.hopper@example.com' },
  effectiveDate: { value: '2026-11-30' },
};

/** A requested item of the JML catalog item with `variables` (by request field; missing ones are empty). */
export function requestItem(variables: Partial<Record<JmlVariableField, VariableValue>>, sysId = ITEM_SYS_ID): RequestItemStandIn {
  const byName = Object.fromEntries(
    (Object.keys(JML_VARIABLE_NAMES) as JmlVariableField[]).map((field) => [JML_VARIABLE_NAMES[field], variables[field] ?? { value: '' }]),
  );
  return new RequestItemStandIn({ sys_id: sysId, number: 'RITM0010001', opened_by: OPENER_SYS_ID, approval: 'approved' }, byName);
}

/** The bridge's 202 answer. */
export function accepted(correlationId: string, duplicate = false) {
  return { status: 202, body: { correlationId, requestNumber: 'RITM0010001', state: 'queued', duplicate } };
}
