import { z } from 'zod';
import { DescriptionSchema, HttpsUrlSchema } from './common';

/**
 * The suffix of a global-scope ServiceNow role (its full name in the global scope), e.g. `jml_requester`.
 * Lowercase letters, digits, dots and underscores, as ServiceNow's own role names.
 */
export const RoleSuffixSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.]{1,79}$/, 'must be a ServiceNow role name: lowercase letters, digits, "_" and "." (e.g. "hr_partner")');

/** Display names in ServiceNow are short single lines. */
const TitleSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((value) => !/[\u0000-\u001f]/u.test(value), 'must be a single line without control characters');

/**
 * The ServiceNow half of JML: the instance, the catalog item users order lifecycle requests from, and the roles of
 * the people who order it and of the bridge's integration user. Credentials are never here: the provider reads
 * SERVICENOW_USERNAME and SERVICENOW_PASSWORD, and the signing secret is set in the instance out of band.
 */
export const ServiceNowSchema = z
  .object({
    /** The instance, e.g. https://acme.service-now.com (no trailing slash: provider 0.10+ would request `//table.do`). */
    instanceUrl: HttpsUrlSchema.refine((url) => !url.endsWith('/'), 'must not end with "/": the provider appends "/<table>.do" itself'),
    catalog: z
      .object({
        /** @default Service Catalog (the catalog every instance ships with) */
        title: TitleSchema.default('Service Catalog'),
        /**
         * `true`: look the catalog up by title (it must exist, and exactly once); `false`: declare it.
         * @default true
         */
        existing: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    category: z
      .object({
        /** @default User lifecycle */
        title: TitleSchema.default('User lifecycle'),
        /** @default - a sentence saying what the category holds */
        description: DescriptionSchema.optional(),
      })
      .strict()
      .prefault({}),
    catalogItem: z
      .object({
        /** @default User lifecycle request */
        name: TitleSchema.default('User lifecycle request'),
        /** @default Joiner, mover, leaver or rehire in Okta, after approval */
        shortDescription: TitleSchema.default('Joiner, mover, leaver or rehire in Okta, after approval'),
        /** @default - a paragraph on what happens after approval */
        description: DescriptionSchema.optional(),
      })
      .strict()
      .prefault({}),
    requesters: z
      .object({
        /** The role the stack declares for the people who may order the item (HR partners, managers' delegates). @default jml_requester */
        roleSuffix: RoleSuffixSchema.default('jml_requester'),
        /** Existing roles (looked up by name) whose holders may order the item too, e.g. `hr_partner`. @default [] */
        existingRoles: z.array(RoleSuffixSchema).max(10).default([]),
      })
      .strict()
      .prefault({}),
    integration: z
      .object({
        /** The role of the bridge's integration user, which writes work notes and state back through the Table API. @default jml_bridge_integration */
        roleSuffix: RoleSuffixSchema.default('jml_bridge_integration'),
        /**
         * Declare the ACLs that let that role read requested items and write their work notes and state. Creating ACLs
         * needs a deploying user that holds security_admin without elevation; set false to create them by hand
         * (README, ServiceNow section). @default true
         */
        manageAcls: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ServiceNowConfig = z.infer<typeof ServiceNowSchema>;

/** The parts of an environment the ServiceNow section is checked against. */
interface ServiceNowEnvironment {
  readonly servicenow?: ServiceNowConfig;
  readonly identity: { readonly roles: readonly { readonly key: string; readonly attribute: string }[] };
  readonly bridge: { readonly serviceNowInstanceUrl: string };
}

/**
 * Cross-section checks: the catalog's role choices set `user.title`, so at least one role must be matched on `title`;
 * and the bridge must write back to the instance the requests come from.
 */
export function checkServiceNowReferences(env: ServiceNowEnvironment, ctx: z.RefinementCtx): void {
  const servicenow = env.servicenow;
  if (!servicenow) {
    return;
  }
  if (!env.identity.roles.some((role) => role.attribute === 'title')) {
    ctx.addIssue({
      code: 'custom',
      path: ['identity', 'roles'],
      message: `has no role on the "title" attribute (roles: ${env.identity.roles.map((r) => `${r.key} on ${r.attribute}`).join(', ') || 'none'}), but the ServiceNow catalog item offers title roles as its role choices; add one, or remove the servicenow section`,
    });
  }
  const instance = servicenow.instanceUrl;
  const bridgeTarget = env.bridge.serviceNowInstanceUrl.replace(/\/$/, '');
  if (bridgeTarget !== instance) {
    ctx.addIssue({
      code: 'custom',
      path: ['servicenow', 'instanceUrl'],
      message: `is ${instance} but bridge.serviceNowInstanceUrl is ${env.bridge.serviceNowInstanceUrl}; the bridge must write back to the instance requests come from, so set both to the same URL`,
    });
  }
}
