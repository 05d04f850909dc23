import { z } from 'zod';
import { SECRET_NAME, secretKinds } from '../../guardrails/secrets';
import { KeySchema } from './common';

/** The Okta org every Okta stack of the environment talks to. Credentials come from the environment, never from here. */
export const OktaOrgSchema = z
  .object({
    /** The org subdomain, e.g. `acme` for https://acme.okta.com. */
    orgName: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be the org subdomain only, e.g. "acme" for https://acme.okta.com'),
    /** @default okta.com */
    baseUrl: z.enum(['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil']).default('okta.com'),
  })
  .strict();

export const AwsSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as "eu-west-1"'),
    /** Terraform refuses to apply to any other account, so a wrong profile cannot touch the wrong account. */
    accountId: z.string().regex(/^\d{12}$/, 'must be the 12-digit AWS account id'),
  })
  .strict();

/**
 * Where Terraform keeps state. The example uses the local backend so it synthesizes with nothing configured;
 * every real environment should use S3, which is always encrypted and locked.
 */
export const BackendSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('local') }).strict(),
  z
    .object({
      type: z.literal('s3'),
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as "eu-west-1"'),
      /** State objects are `<keyPrefix>/<stack>-<environment>.tfstate`. @default identity-lifecycle */
      keyPrefix: z
        .string()
        .regex(/^[a-zA-Z0-9_./-]+$/)
        .default('identity-lifecycle'),
      /** A customer-managed KMS key for state; the bucket's default SSE applies when unset. */
      kmsKeyArn: z
        .string()
        .regex(/^arn:aws[a-z-]*:kms:/, 'must be a KMS key ARN')
        .optional(),
      /** Lock with a DynamoDB table instead of S3 native lock files (Terraform >= 1.10). */
      dynamodbTable: z.string().min(3).optional(),
    })
    .strict(),
]);

/** Tags every AWS resource carries; `environment` and `managed-by` are added by the project. */
export const TagsSchema = z
  .record(z.string().regex(/^[\w.:/=+@ -]{1,128}$/, 'tag keys use letters, digits, spaces and _.:/=+-@ (max 128)'), z.string().max(256))
  .superRefine((tags, ctx) => {
    // Tags are readable by anyone who can list resources, and land in state and plans: never a secret.
    for (const [key, value] of Object.entries(tags)) {
      const kinds = secretKinds(value);
      if (SECRET_NAME.test(key) || kinds.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `holds a secret (${kinds.join(', ') || 'a secret by its name'}); tags are public to anyone who can list resources, so remove it`,
        });
      }
    }
  });

export const EnvironmentNameSchema = KeySchema;

export type OktaOrgConfig = z.infer<typeof OktaOrgSchema>;
export type AwsConfig = z.infer<typeof AwsSchema>;
export type BackendConfig = z.infer<typeof BackendSchema>;
