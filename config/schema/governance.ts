import { z } from 'zod';
import { DescriptionSchema, KeySchema, requireUniqueKeys } from './common';

/**
 * An ISO 8601 duration of one unit, as Okta Access Requests accept it: days (`P7D`), hours (`PT8H`) or minutes
 * (`PT30M`). Okta documents that only single-unit durations are supported (request types API, "Known limitation").
 */
export const AccessDurationSchema = z
  .string()
  .regex(
    /^(P[1-9][0-9]{0,3}D|PT[1-9][0-9]{0,4}[HM])$/,
    'must be an ISO 8601 duration of a single unit: days (P7D), hours (PT8H) or minutes (PT30M); Okta accepts no mixed units',
  );

/** Length of a single-unit ISO 8601 duration in minutes, so durations of different units compare. */
export function durationMinutes(duration: string): number {
  const minutes = minutesOrUndefined(duration);
  if (minutes === undefined) throw new Error(`"${duration}" is not a single-unit ISO 8601 duration such as P7D, PT8H or PT30M`);
  return minutes;
}

function minutesOrUndefined(duration: string): number | undefined {
  const match = /^(?:P(\d+)D|PT(\d+)([HM]))$/.exec(duration);
  if (!match) return undefined;
  if (match[1] !== undefined) return Number(match[1]) * 24 * 60;
  return Number(match[2]) * (match[3] === 'H' ? 60 : 1);
}

/** Name of an approval (request) sequence as shown in Okta Access Requests; resolved to an id by discovery. */
export const SequenceNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((value) => value.trim() === value, 'must not start or end with white space (names are matched exactly)');

/**
 * Who may request which server-access groups of the Okta Privileged Access app, for how long, approved by which
 * sequence. One Okta request condition on the app.
 */
export const RequestConditionSchema = z
  .object({
    /** Stable key; the Okta condition is named `<groupPrefix>-<key>`. */
    key: KeySchema,
    description: DescriptionSchema.optional(),
    /** Keys of `identity.serverAccessGroups` a request under this condition grants. */
    accessScope: z.array(KeySchema).min(1, 'name at least one server access group key'),
    /** Department and role keys (of `identity`) whose group members may request. */
    requesters: z
      .object({
        departments: z.array(KeySchema).default([]),
        roles: z.array(KeySchema).default([]),
      })
      .strict()
      .refine((r) => r.departments.length + r.roles.length > 0, 'name at least one department or role: an empty list would mean nobody'),
    /** How long access lasts: the longest a requester may ask for, or the fixed length (see `durationChosenBy`). */
    accessDuration: AccessDurationSchema,
    /**
     * `requester`: the requester picks a duration up to `accessDuration`; `admin`: access always lasts `accessDuration`.
     * @default requester
     */
    durationChosenBy: z.enum(['requester', 'admin']).default('requester'),
    /** Approval sequence by name, as created in Okta Access Requests (sequences cannot be created through the API). */
    approvalSequence: SequenceNameSchema,
  })
  .strict();

export const GovernanceSchema = z
  .object({
    /** No condition may grant access for longer than this. */
    accessDurationCeiling: AccessDurationSchema,
    /**
     * Whether a requester may request the app's access for someone else (request settings of the resource).
     * @default false
     */
    requestOnBehalfOf: z.boolean().default(false),
    /** Request conditions in priority order: the first has the highest priority. */
    conditions: z.array(RequestConditionSchema).min(1, 'declare at least one request condition'),
  })
  .strict()
  .superRefine((governance, ctx) => {
    requireUniqueKeys(governance.conditions, 'key', ctx, 'request condition', ['conditions']);
    // Malformed durations already have their own issue; only well-formed ones are compared.
    const ceiling = minutesOrUndefined(governance.accessDurationCeiling);
    governance.conditions.forEach((condition, index) => {
      const minutes = minutesOrUndefined(condition.accessDuration);
      if (ceiling !== undefined && minutes !== undefined && minutes > ceiling) {
        ctx.addIssue({
          code: 'custom',
          path: ['conditions', index, 'accessDuration'],
          message: `${condition.accessDuration} is longer than governance.accessDurationCeiling ${governance.accessDurationCeiling}; shorten it or raise the ceiling`,
        });
      }
    });
  });

export type GovernanceConfig = z.infer<typeof GovernanceSchema>;
export type RequestConditionConfig = z.infer<typeof RequestConditionSchema>;

/** The identity keys a governance section may reference. */
interface IdentityKeys {
  readonly departments: readonly { key: string }[];
  readonly roles: readonly { key: string }[];
  readonly serverAccessGroups: readonly { key: string }[];
}

/**
 * Cross-section check, called from the environment's root refinement: every department, role and server-access
 * group a condition names must be declared in `identity`. Issues carry the full path from the environment root.
 */
export function checkGovernanceReferences(env: { identity: IdentityKeys; governance?: GovernanceConfig }, ctx: z.RefinementCtx): void {
  if (!env.governance) return;
  const known = {
    departments: new Set(env.identity.departments.map((d) => d.key)),
    roles: new Set(env.identity.roles.map((r) => r.key)),
    serverAccessGroups: new Set(env.identity.serverAccessGroups.map((g) => g.key)),
  };
  const report = (path: (string | number)[], what: string, key: string, declared: ReadonlySet<string>, where: string) => {
    const list = [...declared].join(', ') || 'none';
    ctx.addIssue({
      code: 'custom',
      path: ['governance', ...path],
      message: `unknown ${what} "${key}"; use one declared in identity.${where} (${list}) or declare it there`,
    });
  };
  env.governance.conditions.forEach((condition, index) => {
    const at = ['conditions', index];
    condition.accessScope.forEach((key, i) => {
      if (!known.serverAccessGroups.has(key)) {
        report([...at, 'accessScope', i], 'server access group', key, known.serverAccessGroups, 'serverAccessGroups');
      }
    });
    condition.requesters.departments.forEach((key, i) => {
      if (!known.departments.has(key)) report([...at, 'requesters', 'departments', i], 'department', key, known.departments, 'departments');
    });
    condition.requesters.roles.forEach((key, i) => {
      if (!known.roles.has(key)) report([...at, 'requesters', 'roles', i], 'role', key, known.roles, 'roles');
    });
  });
}
