import { z } from 'zod';
import { HttpsUrlSchema } from './common';
import { PrincipalArnSchema } from './session-recordings';

/** The retention periods CloudWatch Logs accepts (days); "never expire" is deliberately not offered. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const LogRetentionSchema = z.number().refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
  error: (issue) => `must be a retention CloudWatch Logs accepts, but ${String(issue.input)} was given; use one of ${LOG_RETENTION_DAYS.join(', ')}`,
});

/** Memory and timeout of one Lambda function. */
function functionSchema(defaults: { memoryMb: number; timeoutSeconds: number; maxTimeoutSeconds: number }) {
  return z
    .object({
      /** Lambda memory, which also sets its CPU share. */
      memoryMb: z.number().int().min(128).max(10240).default(defaults.memoryMb),
      /** Hard limit of one invocation. */
      timeoutSeconds: z.number().int().min(1).max(defaults.maxTimeoutSeconds).default(defaults.timeoutSeconds),
    })
    .strict();
}

/**
 * The AWS side of the webhook bridge: where it writes back to, sizes, limits, retention and alarm thresholds.
 * Everything but the ServiceNow instance has a default.
 */
export const BridgeSchema = z
  .object({
    /** The ServiceNow instance the bridge writes work notes and states back to, e.g. https://acme.service-now.com. */
    serviceNowInstanceUrl: HttpsUrlSchema,
    functions: z
      .object({
        /** API Gateway HTTP APIs time out after 30 s, so the synchronous functions never need more. @default 256 MB, 10 s */
        intake: functionSchema({ memoryMb: 256, timeoutSeconds: 10, maxTimeoutSeconds: 29 }).prefault({}),
        /** @default 256 MB, 10 s */
        eventHook: functionSchema({ memoryMb: 256, timeoutSeconds: 10, maxTimeoutSeconds: 29 }).prefault({}),
        /** @default 128 MB, 5 s */
        health: functionSchema({ memoryMb: 128, timeoutSeconds: 5, maxTimeoutSeconds: 29 }).prefault({}),
        /** Re-queues scheduled requests whose date has come. @default 256 MB, 60 s */
        scheduler: functionSchema({ memoryMb: 256, timeoutSeconds: 60, maxTimeoutSeconds: 900 }).prefault({}),
        /** Covers a full JML action with Okta retries and rate-limit waits. @default 512 MB, 120 s */
        worker: functionSchema({ memoryMb: 512, timeoutSeconds: 120, maxTimeoutSeconds: 900 })
          .extend({
            /**
             * At most this many workers run at once, which bounds concurrent Okta calls well below the org's
             * rate limit whatever the queue depth. @default 4
             */
            reservedConcurrency: z.number().int().min(2).max(100).default(4),
          })
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** Minutes between scheduler runs: the delay before a future-dated joiner or leaver is applied. @default 15 */
    schedulerRateMinutes: z.number().int().min(1).max(1440).default(15),
    queue: z
      .object({
        /** Deliveries of one message before SQS moves it to the dead-letter queue. @default 5 */
        maxReceiveCount: z.number().int().min(1).max(1000).default(5),
        /** Messages handed to one worker invocation (SQS FIFO allows at most 10). @default 1 */
        batchSize: z.number().int().min(1).max(10).default(1),
        /** How long the dead-letter queue keeps a message for replay (4 to 14 days). @default 14 */
        deadLetterRetentionDays: z.number().int().min(4, 'must be at least 4 days, the retention of the queue itself').max(14).default(14),
      })
      .strict()
      .prefault({}),
    api: z
      .object({
        /** Steady-state requests per second the HTTP API stage accepts before answering 429. @default 50 */
        throttlingRateLimit: z.number().positive().max(10000).default(50),
        /** Burst of requests the stage accepts above the rate. @default 100 */
        throttlingBurstLimit: z.number().int().positive().max(5000).default(100),
      })
      .strict()
      .prefault({}),
    /**
     * Start functions with `--enable-source-maps` so stack traces name TypeScript files and lines. Node then parses
     * the map when the bundle loads: about 25 ms more CPU per cold start of the intake (README). @default true
     */
    enableSourceMaps: z.boolean().default(true),
    /** Level of the functions' JSON logs (`LOG_LEVEL`); `debug` adds per-call detail, never secrets. @default info */
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** Retention of every log group of the bridge (function and access logs). @default 90 */
    logRetentionDays: LogRetentionSchema.default(90),
    /** Refuse `terraform destroy` of the table that holds the golden thread. @default true */
    tableDeletionProtection: z.boolean().default(true),
    /** How long each golden-thread seal is locked in the seal bucket (compliance mode; S3 allows up to 36500 days). @default 2557 (7 years) */
    sealRetentionDays: z.number().int().min(1, 'must be at least 1 day').max(36_500, "must be at most 36500 days (S3 object lock's limit)").default(2557),
    /**
     * Identities that may assume the seal bucket's auditor role (`<prefix>-seal-auditor`: list and read the seals,
     * nothing else) to run `npm run bridge:verify` / `bridge:evidence`. Unset, no auditor role is declared.
     */
    sealAuditorPrincipals: z.array(PrincipalArnSchema).min(1, 'name at least one auditor identity, or leave sealAuditorPrincipals out').optional(),
    alarms: z
      .object({
        /** Alarm when more than this percentage of API requests end in a 5xx over one period. @default 1 */
        serverErrorRatePercent: z.number().positive().max(100).default(1),
        /** Alarm when the dead-letter queue holds at least this many messages. @default 1 */
        deadLetterMessages: z.number().int().min(1).default(1),
        /** Alarm when the worker fails this many invocations in one period. @default 1 */
        workerErrors: z.number().int().min(1).default(1),
        /** Alarm when any function is throttled this many times in one period. @default 1 */
        throttles: z.number().int().min(1).default(1),
        /** Length of one evaluation period. @default 300 */
        periodSeconds: z.union([z.literal(60), z.literal(300), z.literal(900), z.literal(3600)]).default(300),
        /** Notify this address through a topic the stack creates (the recipient must confirm the subscription). */
        email: z.email({ error: 'must be an e-mail address' }).optional(),
        /** Notify this existing SNS topic instead of creating one. */
        topicArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'must be an SNS topic ARN')
          .optional(),
      })
      .strict()
      .prefault({})
      .superRefine((alarms, ctx) => {
        if (alarms.email && alarms.topicArn) {
          ctx.addIssue({
            code: 'custom',
            path: ['topicArn'],
            message: `both email (${alarms.email}) and topicArn are set; keep one: the stack either creates a topic for the e-mail or notifies the existing topic`,
          });
        }
      }),
  })
  .strict();

export type BridgeConfig = z.infer<typeof BridgeSchema>;
