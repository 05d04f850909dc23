import { z } from 'zod';
import { JML_ACTIONS } from '../../contract/actions';
import { JML_FIELD_LIMITS as LIMITS } from '../../contract/limits';

/**
 * The JML request as ServiceNow sends it: THE definition. The intake validates bodies with this schema
 * (`bridge/src/http/body-schema.ts`), the types below are inferred from it, and the published JSON Schema
 * (`docs/jml-request.schema.json`) and OpenAPI component (`docs/openapi.yaml`) are generated from it by
 * `npm run contract:generate` (a test fails when they are stale).
 */

/** The four lifecycle intents a ServiceNow catalog request can carry (`bridge/contract/actions.ts`). */
export { JML_ACTIONS, type JmlAction } from '../../contract/actions';

/** Actions that need the full profile (a leaver carries only `login` and `employeeNumber`). */
export const FULL_PROFILE_ACTIONS = ['joiner', 'mover', 'rehire'] as const;
const FULL_PROFILE_FIELDS = ['login', 'email', 'firstName', 'lastName', 'employeeNumber', 'department', 'title'] as const;

const text = (max: number) => z.string().min(1).max(max);

export const JmlUserSchema = z
  .strictObject({
    login: z.email().max(LIMITS.login).meta({ description: 'Okta login (usually the work email).' }),
    email: z.email().max(LIMITS.email).optional(),
    firstName: text(LIMITS.firstName).optional(),
    lastName: text(LIMITS.lastName).optional(),
    employeeNumber: z
      .string()
      .regex(new RegExp(`^[A-Za-z0-9-]{1,${LIMITS.employeeNumber}}$`))
      .meta({ description: 'HR employee number; the bridge refuses to act on an Okta user whose employeeNumber differs (a reused login).' }),
    department: text(LIMITS.department).optional().meta({ description: 'Drives the department birthright group rule.' }),
    title: text(LIMITS.title).optional().meta({ description: 'Drives the role birthright group rule.' }),
    managerLogin: z.email().max(LIMITS.login).optional().meta({ description: 'Okta login of the manager; stored in profile.manager.' }),
  })
  .meta({
    id: 'JmlUser',
    description: 'The person the request is about. A leaver needs only login and employeeNumber; the other actions need the full profile.',
  });

export const JmlApprovalSchema = z
  .strictObject({
    approver: text(LIMITS.approver).meta({ description: 'The approver as ServiceNow sent it (user_name, email or sys_id).' }),
    approvedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'JmlApproval' });

const EXAMPLE = {
  requestNumber: 'RITM0010001',
  requestSysId: '0123456789abcdef0123456789abcdef',
  action: 'joiner',
  user: {
    login: 'ada.lovelace@example.com',
    email: 'ada.lovelace@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    employeeNumber: 'E1001',
    department: 'Engineering',
    title: 'Site Reliability Engineer',
    managerLogin: 'grace.hopper@example.com',
  },
  effectiveDate: '2026-11-30',
  groups: ['jml-access-eng-linux-prod'],
  approvals: [{ approver: 'grace.hopper', approvedAt: '2026-11-29T10:15:00Z' }],
  requestedBy: 'hr.partner',
} as const;

export const JmlRequestSchema = z
  .strictObject({
    requestNumber: z
      .string()
      .regex(/^RITM[0-9]{7,10}$/)
      .meta({ description: 'Number of the ServiceNow requested item (sc_req_item.number).', examples: ['RITM0010001'] }),
    requestSysId: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .meta({ description: 'sys_id of the same requested item: the bridge writes work notes and state back to it through the Table API.' }),
    action: z.enum(JML_ACTIONS).meta({
      description:
        'joiner: create (staged until effectiveDate) and activate. mover: profile and managed-group changes. leaver: remove managed memberships and deactivate on effectiveDate. rehire: reactivate an existing, deactivated user.',
    }),
    user: JmlUserSchema,
    effectiveDate: z.iso.date().meta({
      description:
        'Calendar date (UTC) from which the change applies. A future date stages the change: a joiner is created STAGED and activated on that day; a leaver is deactivated on that day.',
    }),
    groups: z
      .array(z.string().regex(new RegExp(`^[a-z0-9][a-z0-9-]{0,${LIMITS.groupName - 1}}$`)))
      .max(LIMITS.groupsPerRequest)
      .refine((groups) => new Set(groups).size === groups.length, 'must not name a group twice')
      .optional()
      .meta({
        description:
          "Managed Okta groups (by name, e.g. jml-access-eng-linux-prod) the user must hold besides the birthright department / role groups, which Okta group rules derive from user.department and user.title. For a mover this is the complete desired set of explicitly assigned managed groups; omit it to leave them unchanged. A leaver ignores it: every explicitly assigned managed membership is removed. Any group outside the environment's managed set, and any birthright group, is refused with 403.",
      }),
    approvals: z
      .array(JmlApprovalSchema)
      .min(1)
      .max(LIMITS.approvalsPerRequest)
      .meta({ description: 'Approvals exactly as ServiceNow recorded them (sysapproval_approver); kept verbatim in the golden thread.' }),
    requestedBy: text(LIMITS.requestedBy).meta({ description: 'user_name (or email) of the person who opened the request.' }),
  })
  .superRefine((request, ctx) => {
    if (!(FULL_PROFILE_ACTIONS as readonly string[]).includes(request.action)) return;
    for (const field of FULL_PROFILE_FIELDS) {
      if (request.user[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['user', field], message: 'is required', params: { required: true } });
      }
    }
  })
  .meta({
    title: 'JML request',
    description:
      'An approved ServiceNow joiner / mover / leaver / rehire request, as the ServiceNow script include builds it and POSTs it to the bridge at /v1/jml, signed with Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) over the exact bytes of this body. Generated from bridge/src/domain/jml-request.ts (npm run contract:generate); do not edit by hand.',
    examples: [EXAMPLE],
  });

/** The person the request is about (inferred from {@link JmlUserSchema}, read-only). */
export type JmlUser = Readonly<z.infer<typeof JmlUserSchema>>;
/** One approval exactly as ServiceNow recorded it; kept verbatim for the golden thread. */
export type JmlApproval = Readonly<z.infer<typeof JmlApprovalSchema>>;
/** A validated request (inferred from {@link JmlRequestSchema}, read-only all the way down). */
export type JmlRequest = Readonly<
  Omit<z.infer<typeof JmlRequestSchema>, 'user' | 'approvals' | 'groups'> & {
    readonly user: JmlUser;
    readonly approvals: readonly JmlApproval[];
    readonly groups?: readonly string[];
  }
>;

/** The key that orders work per person: the lower-cased login (Okta logins are case-insensitive). */
export function userKeyOf(request: Pick<JmlRequest, 'user'>): string {
  return request.user.login.toLowerCase();
}
