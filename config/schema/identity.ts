import { z } from 'zod';
import { GROUP_RULE_NAME_MAX, groupNameOf } from '../naming';
import { JML_FIELD_LIMITS } from '../../bridge/contract/limits';
import { formatPath } from '../errors';
import { DescriptionSchema, ExpressibleTextSchema, KeySchema, requireUniqueKeys } from './common';

/**
 * The Okta name of a group that does not follow `<groupPrefix>-<kind>-<key>`: set by `npm run env:adopt` so an
 * adopted group keeps its name (renaming it would break everything outside this project that knows it by name).
 * Okta group names are at most 255 characters; a ruled group's name is also its rule's name, at most 50.
 */
export const GroupNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters (Okta group names are limited)')
  .refine((value) => value.trim() === value, 'must not start or end with white space (group names are matched exactly)')
  .refine((value) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(value), 'must not contain control characters or line breaks');

/** A department whose members get a birthright group, matched on the exact value of `user.department`. */
export const DepartmentSchema = z
  .object({
    key: KeySchema,
    /** @default `<groupPrefix>-dept-<key>` */
    groupName: GroupNameSchema.optional(),
    /** The exact value of the Okta profile attribute `department` (as HR and ServiceNow write it). */
    value: ExpressibleTextSchema.max(
      JML_FIELD_LIMITS.department,
      `must be at most ${JML_FIELD_LIMITS.department} characters: the bridge refuses longer departments (bridge/contract/limits.ts), so no request could use it`,
    ),
    description: DescriptionSchema.optional(),
  })
  .strict();

/** A job role whose holders get a birthright group, matched on a profile attribute (`title` by default). */
export const RoleSchema = z
  .object({
    key: KeySchema,
    /** @default `<groupPrefix>-role-<key>` */
    groupName: GroupNameSchema.optional(),
    value: ExpressibleTextSchema,
    /** @default title */
    attribute: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/, 'must be an Okta profile attribute name such as "title" or "costCenter"')
      .default('title'),
    description: DescriptionSchema.optional(),
  })
  .strict();

/** A group that grants access to servers once requested and approved; never assigned by a rule. */
export const ServerAccessGroupSchema = z
  .object({
    key: KeySchema,
    /** @default `<groupPrefix>-access-<key>` */
    groupName: GroupNameSchema.optional(),
    description: DescriptionSchema,
  })
  .strict();

/** A public JSON Web Key of the JML service app; the private half never leaves the secret store. */
export const PublicJwkSchema = z.discriminatedUnion('kty', [
  z
    .object({
      kty: z.literal('RSA'),
      kid: z.string().min(1).max(100),
      e: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
      n: z.string().regex(/^[A-Za-z0-9_-]{340,}$/, 'must be a base64url RSA modulus of at least 2048 bits'),
    })
    .strict(),
  z
    .object({
      kty: z.literal('EC'),
      kid: z.string().min(1).max(100),
      x: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
      y: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
    })
    .strict(),
]);

export const IdentitySchema = z
  .object({
    /**
     * Prefix of every group name, so the project's groups are recognisable and never collide with hand-made ones.
     * @default jml
     */
    groupPrefix: KeySchema.max(12).default('jml'),
    departments: z.array(DepartmentSchema).min(1, 'declare at least one department'),
    roles: z.array(RoleSchema).default([]),
    serverAccessGroups: z.array(ServerAccessGroupSchema).default([]),
    /**
     * Number of identity shards: Terraform root modules (`identity-groups-<n>-<env>`) the department, role and
     * server-access groups are spread over by a stable hash of their names, so a plan reads one shard's objects, not
     * the whole org's (README "Bounded plans"). 1 keeps every group in the `identity` stack. Changing it moves groups
     * between root modules: about 1/(new count) of them when adding one shard.
     * @default 1
     */
    shards: z.number().int().min(1).max(64).default(1),
    /** Label of the Okta Privileged Access app in this org, looked up by label (never by a typed id). */
    privilegedAccessAppLabel: DescriptionSchema.default('Okta Privileged Access'),
    serviceApp: z
      .object({
        /** @default JML bridge */
        label: DescriptionSchema.default('JML bridge'),
        /** Public keys the bridge signs its client assertions with; two during a key rotation. */
        publicKeys: z.array(PublicJwkSchema).min(1, 'add the public JWK of the bridge').max(2),
      })
      .strict(),
    eventHook: z
      .object({
        /** Overrides the bridge stack's event-hook URL; leave unset to take it from the bridge stack. */
        url: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((identity, ctx) => {
    requireUniqueKeys(identity.departments, 'key', ctx, 'department', ['departments']);
    requireUniqueKeys(identity.roles, 'key', ctx, 'role', ['roles']);
    requireDistinctValues(identity, ctx);
    requireUniqueKeys(identity.serverAccessGroups, 'key', ctx, 'server access group', ['serverAccessGroups']);
    requireUniqueKeys(identity.serviceApp.publicKeys, 'kid', ctx, 'public key', ['serviceApp', 'publicKeys']);
    const ruled = [
      ...identity.departments.map((d, i) => ({
        name: groupNameOf(identity.groupPrefix, 'dept', d),
        path: ['departments', i, d.groupName ? 'groupName' : 'key'],
      })),
      ...identity.roles.map((r, i) => ({ name: groupNameOf(identity.groupPrefix, 'role', r), path: ['roles', i, r.groupName ? 'groupName' : 'key'] })),
    ];
    for (const { name, path } of ruled) {
      if (name.length > GROUP_RULE_NAME_MAX) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `gives the group rule name "${name}" (${name.length} characters) but Okta allows ${GROUP_RULE_NAME_MAX}; ${path[2] === 'groupName' ? 'rename the group in Okta (a rule is named after its group), then adopt it again' : 'shorten the key or groupPrefix'}`,
        });
      }
    }
    // An explicit groupName may equal another entry's name: two entries would then declare one Okta group.
    const named = [
      ...ruled,
      ...identity.serverAccessGroups.map((g, i) => ({
        name: groupNameOf(identity.groupPrefix, 'access', g),
        path: ['serverAccessGroups', i, g.groupName ? 'groupName' : 'key'],
      })),
    ];
    const firstPath = new Map<string, (string | number)[]>();
    for (const { name, path } of named) {
      const first = firstPath.get(name);
      if (first === undefined) {
        firstPath.set(name, path);
        continue;
      }
      ctx.addIssue({
        code: 'custom',
        path,
        message: `gives the Okta group name "${name}", which identity.${first[0]}[${first[1]}].${first[2]} already gives; each entry needs its own group, so change one key or groupName`,
      });
    }
  });

export type IdentityConfig = z.infer<typeof IdentitySchema>;

/**
 * Two departments (or two roles on one attribute) with the same value would be two rules matching the same people.
 * Values are in NFC by now (config/unicode.ts), so this also catches two spellings of one text that Terraform,
 * which normalizes to NFC, would make identical. Role values matched on `title` are bounded like the request field.
 */
function requireDistinctValues(
  identity: { departments: readonly { value: string }[]; roles: readonly { value: string; attribute: string }[] },
  ctx: z.RefinementCtx,
): void {
  const entries = [
    ...identity.departments.map((d, i) => ({ what: 'department', match: `department=${d.value}`, value: d.value, path: ['departments', i, 'value'] })),
    ...identity.roles.map((r, i) => ({ what: 'role', match: `${r.attribute}=${r.value}`, value: r.value, path: ['roles', i, 'value'] })),
  ];
  const first = new Map<string, (string | number)[]>();
  for (const entry of entries) {
    const earlier = first.get(entry.match);
    if (!earlier) {
      first.set(entry.match, entry.path);
      continue;
    }
    ctx.addIssue({
      code: 'custom',
      path: entry.path,
      message: `is the same text as ${formatPath(['identity', ...earlier])} once both are in Unicode NFC (Terraform normalizes to NFC): two rules would match the same people; keep one ${entry.what} or fix the value`,
    });
  }
  identity.roles.forEach((role, i) => {
    if (role.attribute === 'title' && role.value.length > JML_FIELD_LIMITS.title) {
      ctx.addIssue({
        code: 'custom',
        path: ['roles', i, 'value'],
        message: `must be at most ${JML_FIELD_LIMITS.title} characters for a title role: the bridge refuses longer titles (bridge/contract/limits.ts), so no request could use it`,
      });
    }
  });
}
