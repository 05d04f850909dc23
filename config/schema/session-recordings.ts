import { z } from 'zod';

/**
 * The Okta Privileged Access gateway's own configuration (`/etc/sft/sft-gatewayd.yaml`) and where it stores session
 * recordings, as the environment file declares them (`privilegedAccess.gateway.host` and `.sessionLogs`). The
 * gateway's options are summarised, with their sources, in docs/session-recordings.md.
 */

const AbsolutePathSchema = z
  .string()
  .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path of letters, digits, ".", "_", "-" and "/" (e.g. /var/log/sft/sessions)')
  .refine((path) => !path.split('/').includes('..'), 'must not contain ".." segments');

/** An IAM principal that may assume a role: a role or user ARN, or an account root. */
export const PrincipalArnSchema = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@/-]{1,512}|user\/[\w+=,.@/-]{1,512})$/,
    'must be an IAM role, user or account-root ARN, e.g. arn:aws:iam::123456789012:role/opa-gateway-host',
  );

/** How long S3 object lock can hold a version: S3 accepts up to 100 years of default retention. */
export const RECORDING_RETENTION_MAX_DAYS = 36_500;

/** The gateway host's configuration file. The setup token is never in it: the gateway reads it from `setupTokenFile`. */
export const GatewayHostSchema = z
  .object({
    /** Where the host keeps the setup token (the gateway deletes the file once enrolled). @default /var/lib/sft-gatewayd/setup.token */
    setupTokenFile: AbsolutePathSchema.default('/var/lib/sft-gatewayd/setup.token'),
    /** @default info */
    logLevel: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  })
  .strict();

const captureFields = {
  /** How often an active session's log is signed and flushed, in seconds. @default 10 */
  flushIntervalSeconds: z
    .number()
    .int()
    .min(1, 'must be at least 1 second')
    .max(3600, 'must be at most 3600 seconds (an hour of a session unflushed is an hour that can be lost)')
    .default(10),
  /** Buffer size that also triggers a flush, in bytes. @default 262144 */
  maxBufferBytes: z
    .number()
    .int()
    .min(4096)
    .max(16 * 1024 * 1024)
    .default(262_144),
  /** Where SSH session logs wait before they are finalised. @default - the gateway's default (/tmp) */
  temporaryDirectory: AbsolutePathSchema.optional(),
};

/** Recordings kept on the gateway host's disk. */
const FileSessionLogsSchema = z
  .object({
    storage: z.literal('file'),
    /** @default /var/log/sft/sessions */
    directory: AbsolutePathSchema.default('/var/log/sft/sessions'),
    ...captureFields,
  })
  .strict();

/** Recordings uploaded to an S3 bucket the session-recordings stack declares (object lock, KMS, TLS only). */
const S3SessionLogsSchema = z
  .object({
    storage: z.literal('s3'),
    /** @default opa-session-recordings-<environment>-<aws.accountId> */
    bucketName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (3-63 lowercase letters, digits, "." or "-")')
      .optional(),
    /** Every recording is kept, unchangeable and undeletable (compliance mode), for this many days. */
    retentionDays: z
      .number()
      .int()
      .min(1, 'must be at least 1 day')
      .max(RECORDING_RETENTION_MAX_DAYS, `must be at most ${RECORDING_RETENTION_MAX_DAYS} days (S3 object lock's limit)`),
    /** Identities of the gateway hosts (e.g. their instance roles): they may assume the put-only writer role. */
    gatewayHostPrincipals: z.array(PrincipalArnSchema).min(1, 'name the IAM identity of at least one gateway host'),
    /** Who reviews recordings: they may assume the read-only reviewer role. */
    reviewerPrincipals: z.array(PrincipalArnSchema).min(1, 'name at least one reviewer identity'),
    /** The AWS shared-config profile on the gateway host that assumes the writer role. @default opa-session-recordings */
    awsProfile: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a profile name of letters, digits, "_" or "-"')
      .default('opa-session-recordings'),
    ...captureFields,
  })
  .strict()
  .superRefine((logs, ctx) => {
    const overlap = logs.gatewayHostPrincipals.filter((p) => logs.reviewerPrincipals.includes(p));
    if (overlap.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewerPrincipals'],
        message: `names ${overlap.join(', ')}, which is also a gateway host: whoever writes recordings must not be able to read them back; use separate identities`,
      });
    }
  });

export const SessionLogsSchema = z.discriminatedUnion('storage', [FileSessionLogsSchema, S3SessionLogsSchema]);

export type GatewayHostConfig = z.infer<typeof GatewayHostSchema>;
export type SessionLogsConfig = z.infer<typeof SessionLogsSchema>;
export type S3SessionLogsConfig = Extract<SessionLogsConfig, { storage: 's3' }>;

export const DEFAULT_GATEWAY_HOST: GatewayHostConfig = { setupTokenFile: '/var/lib/sft-gatewayd/setup.token', logLevel: 'info' };
export const DEFAULT_SESSION_LOGS: SessionLogsConfig = {
  storage: 'file',
  directory: '/var/log/sft/sessions',
  flushIntervalSeconds: 10,
  maxBufferBytes: 262_144,
};
