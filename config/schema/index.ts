import { z } from 'zod';
import { BridgeSchema } from './bridge';
import { DescriptionSchema } from './common';
import { checkGovernanceReferences, GovernanceSchema } from './governance';
import { IdentitySchema } from './identity';
import { JmlSchema } from './jml';
import { AwsSchema, BackendSchema, EnvironmentNameSchema, OktaOrgSchema, TagsSchema } from './platform';
import { checkPrivilegedAccessReferences, PrivilegedAccessSchema } from './privileged-access';
import { checkServiceNowReferences, ServiceNowSchema } from './servicenow';

/**
 * One environment: an Okta org, a ServiceNow instance and an AWS account, and everything the project declares in them.
 *
 * Each section lives in its own file beside this one; references between sections (a condition naming a department,
 * a policy naming a server-access group) are checked here, once every section has parsed, so all problems show at once.
 */
export const EnvironmentSchema = z
  .object({
    name: EnvironmentNameSchema,
    description: DescriptionSchema.optional(),
    okta: OktaOrgSchema,
    aws: AwsSchema,
    backend: BackendSchema,
    tags: TagsSchema.default({}),
    identity: IdentitySchema,
    jml: JmlSchema.default({ executor: 'management-api' }),
    governance: GovernanceSchema.optional(),
    bridge: BridgeSchema,
    servicenow: ServiceNowSchema.optional(),
    privilegedAccess: PrivilegedAccessSchema.optional(),
  })
  .strict()
  .superRefine((env, ctx) => {
    checkGovernanceReferences(env, ctx);
    checkServiceNowReferences(env, ctx);
    checkPrivilegedAccessReferences(env, ctx);
  });

/** A validated environment, with every default applied. */
export type EnvironmentConfig = z.infer<typeof EnvironmentSchema>;
/** What an environment file may contain before defaults are applied. */
export type EnvironmentInput = z.input<typeof EnvironmentSchema>;
