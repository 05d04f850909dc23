import { z } from 'zod';
import { AdAccountsSchema, AdPasswordOverrideSchema, checkAdAccounts } from './ad-accounts';
import { DescriptionSchema, HttpsUrlSchema, KeySchema, requireUniqueKeys } from './common';
import { DEFAULT_GATEWAY_HOST, DEFAULT_SESSION_LOGS, GatewayHostSchema, SessionLogsSchema } from './session-recordings';

/**
 * Bounds that come from the okta/oktapam 0.7.1 provider (validators in its Go source that its schema JSON does not
 * show) and from the project's own policy (guardrails LP-PAM4 / LP-PAM5).
 */
export const PAM_LIMITS = {
  /** `oktapam_server_checkout_settings.checkout_duration_in_seconds` validator Between(900, 86400). */
  checkoutMinSeconds: 900,
  checkoutMaxSeconds: 86_400,
  /** A rotation more often than hourly only churns the vault; slower than 30 days breaks LP-PAM4. */
  rotationMinHours: 1,
  rotationMaxHours: 30 * 24,
  /** Below 16 characters a vaulted password is guessable offline; OPA accepts at most 255. */
  passwordMinLengthFloor: 16,
  passwordMaxLengthCeiling: 255,
  /** `oktapam_ad_task_settings.frequency` / `oktapam_ad_user_sync_task_settings.frequency` possible values. */
  adSyncFrequencies: [1, 6, 12, 24] as const,
} as const;

/** An OPA label key or value (gateway labels, server labels such as `system.os_type`). */
const LabelTextSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$/, 'must be 1-63 letters, digits, ".", "_", "/" or "-", starting with a letter or digit');

const LabelsSchema = z.record(LabelTextSchema, LabelTextSchema).refine((labels) => Object.keys(labels).length > 0, 'declare at least one label');

/** A name OPA shows and matches exactly (gateway, AD connection, discovery job). */
const OpaNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, 'must be 1-255 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** An LDAP distinguished name such as `OU=Servers,DC=corp,DC=example,DC=com`. */
const DistinguishedNameSchema = z
  .string()
  .regex(/^[A-Za-z]+=[^,]+(,[A-Za-z]+=[^,]+)*$/, 'must be an LDAP distinguished name such as "OU=Servers,DC=corp,DC=example,DC=com"');

/** An LDAP search filter, parenthesised as RFC 4515 requires, e.g. `(&(objectClass=computer)(operatingSystem=Windows*))`. */
const LdapFilterSchema = z
  .string()
  .min(3)
  .max(1024)
  .refine(
    (value) => value.startsWith('(') && value.endsWith(')') && balancedParentheses(value),
    'must be an LDAP filter in balanced parentheses, e.g. "(objectClass=computer)"',
  );

function balancedParentheses(value: string): boolean {
  let depth = 0;
  for (const char of value) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

const SyncFrequencySchema = z
  .number()
  .refine(
    (hours) => (PAM_LIMITS.adSyncFrequencies as readonly number[]).includes(hours),
    `must be one of ${PAM_LIMITS.adSyncFrequencies.join(', ')} (hours; the provider accepts no other value)`,
  );

const StartHourSchema = z.number().int().min(0, 'must be an hour of the day, 0-23 UTC').max(23, 'must be an hour of the day, 0-23 UTC');

/** The Linux gateway that forwards and records every session, and the token that enrolls it. */
export const GatewaySchema = z
  .object({
    /** Name of the enrolled gateway, looked up with the `oktapam_gateways` data source (never a typed id). */
    name: OpaNameSchema,
    /** Labels of the gateway setup token; an enrolled gateway carries them and projects select it by them. */
    labels: LabelsSchema,
    /** @default Session-recording gateway (Terraform) */
    tokenDescription: DescriptionSchema.default('Session-recording gateway (Terraform)'),
    /** The gateway host's configuration file (config/schema/session-recordings.ts). @default token file /var/lib/sft-gatewayd/setup.token, log level info */
    host: GatewayHostSchema.default(DEFAULT_GATEWAY_HOST),
    /** Where session recordings go: the host's disk, or an object-locked S3 bucket. @default file, /var/log/sft/sessions */
    sessionLogs: SessionLogsSchema.default(DEFAULT_SESSION_LOGS),
  })
  .strict();

/** How periodic AD server discovery maps directory objects to OPA servers. */
export const ServerDiscoverySchema = z
  .object({
    /** @default ad-server-discovery */
    name: OpaNameSchema.default('ad-server-discovery'),
    /** @default 12 */
    frequencyHours: SyncFrequencySchema.default(12),
    /** Only used when `frequencyHours` is 24. */
    startHourUtc: StartHourSchema.optional(),
    /** @default dNSHostName */
    hostNameAttribute: z.string().min(1).default('dNSHostName'),
    /** The attribute the gateway connects to. @default dNSHostName */
    accessAddressAttribute: z.string().min(1).default('dNSHostName'),
    /** @default operatingSystem */
    osAttribute: z.string().min(1).default('operatingSystem'),
  })
  .strict();

/** Periodic discovery of AD user SIDs, so RDP as the user's own AD account maps to the right principal. */
export const UserSyncSchema = z
  .object({
    /** @default ad-user-sync */
    name: OpaNameSchema.default('ad-user-sync'),
    baseDn: DistinguishedNameSchema,
    ldapQueryFilter: LdapFilterSchema,
    /** @default 24 */
    frequencyHours: SyncFrequencySchema.default(24),
    startHourUtc: StartHourSchema.optional(),
  })
  .strict();

/**
 * The Active Directory connection. The service account password is never in config: it is the sensitive Terraform
 * variable `ad_service_account_password` (TF_VAR_ad_service_account_password).
 */
export const ActiveDirectorySchema = z
  .object({
    /** @default ad-<domain> */
    connectionName: OpaNameSchema.optional(),
    domain: z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase DNS domain such as "corp.example.com"'),
    /** @default - any domain controller the gateway finds through DNS */
    domainControllers: z.array(z.string().min(1)).optional(),
    /** A least-privilege account that can read computer (and user) objects, e.g. `svc-opa@corp.example.com`. */
    serviceAccountUsername: z.string().min(1).max(256),
    serverDiscovery: ServerDiscoverySchema.default({
      name: 'ad-server-discovery',
      frequencyHours: 12,
      hostNameAttribute: 'dNSHostName',
      accessAddressAttribute: 'dNSHostName',
      osAttribute: 'operatingSystem',
    }),
    /** @default - no user sync */
    userSync: UserSyncSchema.optional(),
  })
  .strict();

/** Character classes a rotated password contains; at least three (checked on the effective policy). */
export const CharacterClassesSchema = z
  .object({
    upperCase: z.boolean().default(true),
    lowerCase: z.boolean().default(true),
    digits: z.boolean().default(true),
    punctuation: z.boolean().default(true),
  })
  .strict();

/**
 * Rotation and complexity of the passwords of managed server accounts. Rotation is always on: there is no switch.
 * Defaults: daily rotation, 32-64 characters, every character class.
 */
export const PasswordPolicySchema = z
  .object({
    /** @default 24 */
    rotationPeriodHours: z.number().int('must be a whole number of hours').default(24),
    /** @default 32 */
    minLength: z.number().int().default(32),
    /** @default 64 */
    maxLength: z.number().int().default(64),
    characters: CharacterClassesSchema.default({ upperCase: true, lowerCase: true, digits: true, punctuation: true }),
  })
  .strict();

/**
 * A project's changes to `privilegedAccess.passwords`. No defaults here on purpose: a field left out keeps the
 * environment's value (a default would silently replace it).
 */
export const PasswordOverrideSchema = z
  .object({
    rotationPeriodHours: z.number().int('must be a whole number of hours').optional(),
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    characters: z
      .object({ upperCase: z.boolean().optional(), lowerCase: z.boolean().optional(), digits: z.boolean().optional(), punctuation: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();

/** The policy a project gets: the environment's, with the project's fields (and character classes) replaced. */
export function effectivePasswords(
  base: z.infer<typeof PasswordPolicySchema>,
  override: z.infer<typeof PasswordOverrideSchema> | undefined,
): z.infer<typeof PasswordPolicySchema> {
  const defined = <T extends object>(value: T | undefined) => Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { characters, ...fields } = override ?? {};
  return { ...base, ...defined(fields), characters: { ...base.characters, ...defined(characters) } };
}

/** Checkout of vaulted (shared) accounts: always required, for a bounded time. */
export const CheckoutSchema = z
  .object({
    /** @default 3600 */
    durationSeconds: z.number().int().default(3600),
    /** The longest checkout any project may configure; at most the provider's 86400. @default 28800 (8 hours) */
    maxDurationSeconds: z
      .number()
      .int()
      .default(8 * 3600),
  })
  .strict();

/** A project: servers that share enrollment, gateway, password and checkout settings. */
export const ProjectSchema = z
  .object({
    key: KeySchema,
    /** Windows projects hold AD-joined servers (RDP); Linux ones servers enrolled with the agent (SSH). */
    platform: z.enum(['windows', 'linux']),
    /** @default - the gateway's labels (`privilegedAccess.gateway.labels`): traffic goes through the recording gateway */
    gatewayLabels: LabelsSchema.optional(),
    /** Where AD discovery finds this project's servers; requires `privilegedAccess.activeDirectory`. */
    adDiscovery: z.object({ baseDn: DistinguishedNameSchema, ldapQueryFilter: LdapFilterSchema }).strict().optional(),
    /** Local accounts whose passwords OPA vaults and rotates, e.g. `Administrator`, `root`. */
    managedAccounts: z.array(z.string().min(1).max(104)).min(1, 'name at least one managed account (e.g. Administrator)'),
    /** @default - `privilegedAccess.passwords` */
    passwords: PasswordOverrideSchema.optional(),
    /** Seconds a checkout lasts. @default - `privilegedAccess.checkout.durationSeconds` */
    checkoutDurationSeconds: z.number().int().optional(),
    /** Changes to `privilegedAccess.adAccounts.passwords` for the AD accounts that land here. @default - the environment's */
    adAccountPasswords: AdPasswordOverrideSchema.optional(),
  })
  .strict();

/** What a rule lets its principals do on matching servers. */
export const PrivilegeSchema = z.enum([
  /** RDP as the user's own account (their AD account on AD-joined servers). */
  'principal-account-rdp',
  'principal-account-ssh',
  /** RDP / SSH with a vaulted account checked out for the session. */
  'password-checkout-rdp',
  'password-checkout-ssh',
  'reveal-password',
]);

/** An Okta Access Requests request type that must be approved before the rule applies. */
export const AccessRequestSchema = z
  .object({
    requestTypeName: z.string().min(1).max(255),
    /** @default - resolved by OPA from the name */
    requestTypeId: z.string().min(1).optional(),
    /** How long an approval stays valid. @default - the request type's own duration */
    expiresAfterSeconds: z
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .optional(),
  })
  .strict();

/** One rule of a security policy: which servers, which privileges, under which conditions. */
export const PolicyRuleSchema = z
  .object({
    /** Rule name in OPA. */
    name: OpaNameSchema,
    /** Server labels that select the servers, e.g. `system.os_type: windows`. */
    serverLabels: LabelsSchema,
    /** Vaulted accounts the rule covers (required by password checkout and reveal). @default - none */
    accounts: z.array(z.string().min(1).max(104)).optional(),
    privileges: z.array(PrivilegeSchema).min(1, 'grant at least one privilege'),
    /** Full administrator on the server for principal-account privileges. @default false */
    adminLevel: z.boolean().default(false),
    /** Must stay true: every server session is recorded on the gateway. @default true */
    sessionRecording: z.boolean().default(true),
    /** @default - `privilegedAccess.mfa` */
    mfa: z
      .object({ reAuthFrequencySeconds: z.number().int().min(0).max(86_400) })
      .strict()
      .optional(),
    /** @default - no request type: the principals must be requestable server-access groups */
    accessRequest: AccessRequestSchema.optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (!rule.sessionRecording) {
      ctx.addIssue({
        code: 'custom',
        path: ['sessionRecording'],
        message: 'is false, but every rule that grants server access records its sessions on the gateway; remove the key or set it to true',
      });
    }
    const needsAccounts = rule.privileges.filter((p) => p.startsWith('password-checkout') || p === 'reveal-password');
    if (needsAccounts.length > 0 && !rule.accounts?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['accounts'],
        message: `is empty but ${needsAccounts.join(', ')} work on vaulted accounts; list the account names (e.g. [Administrator])`,
      });
    }
    if (rule.adminLevel && !rule.privileges.some((p) => p.startsWith('principal-account'))) {
      ctx.addIssue({ code: 'custom', path: ['adminLevel'], message: 'is true but the rule grants no principal-account privilege; remove it or add one' });
    }
  });

/** A security policy of one resource group: its principals and rules. */
export const PolicySchema = z
  .object({
    key: KeySchema,
    description: DescriptionSchema.optional(),
    /** Keys of `identity.serverAccessGroups`: the Okta groups that reach OPA through the Privileged Access app. */
    principals: z.array(KeySchema).min(1, 'name at least one server access group key'),
    rules: z.array(PolicyRuleSchema).min(1, 'declare at least one rule').max(20, 'OPA accepts at most 20 rules per policy'),
  })
  .strict()
  .superRefine((policy, ctx) => requireUniqueKeys(policy.rules, 'name', ctx, 'rule', ['rules']));

/** An entitlement domain (a department, a server tier): projects, delegated admins and policies. */
export const ResourceGroupSchema = z
  .object({
    key: KeySchema,
    description: DescriptionSchema,
    /** Keys of `identity.serverAccessGroups` whose members administer this resource group. */
    delegatedAdmins: z.array(KeySchema).min(1, 'name at least one server access group key as delegated admin'),
    projects: z.array(ProjectSchema).min(1, 'declare at least one project'),
    policies: z.array(PolicySchema).min(1, 'declare at least one security policy'),
  })
  .strict()
  .superRefine((group, ctx) => {
    requireUniqueKeys(group.projects, 'key', ctx, 'project', ['projects']);
    requireUniqueKeys(group.policies, 'key', ctx, 'policy', ['policies']);
  });

export const PrivilegedAccessSchema = z
  .object({
    /** The OPA team; the provider's API key and secret come from OKTAPAM_KEY / OKTAPAM_SECRET, never from config. */
    team: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'must be the lowercase OPA team name'),
    /** @default - OKTAPAM_API_HOST, else the provider's default host */
    apiHost: HttpsUrlSchema.optional(),
    gateway: GatewaySchema,
    /** @default - no AD connection (e.g. before the gateway is enrolled) */
    activeDirectory: ActiveDirectorySchema.optional(),
    passwords: PasswordPolicySchema.default({
      rotationPeriodHours: 24,
      minLength: 32,
      maxLength: 64,
      characters: { upperCase: true, lowerCase: true, digits: true, punctuation: true },
    }),
    checkout: CheckoutSchema.default({ durationSeconds: 3600, maxDurationSeconds: 8 * 3600 }),
    /** MFA re-authentication of every rule. @default 3600 seconds, any second factor */
    mfa: z
      .object({
        reAuthFrequencySeconds: z.number().int().min(0).max(86_400).default(3600),
        acrValues: z.string().min(1).default('urn:okta:loa:2fa:any'),
      })
      .strict()
      .default({ reAuthFrequencySeconds: 3600, acrValues: 'urn:okta:loa:2fa:any' }),
    resourceGroups: z.array(ResourceGroupSchema).min(1, 'declare at least one resource group'),
    /** AD accounts OPA manages and rotates (config/schema/ad-accounts.ts). @default - none */
    adAccounts: AdAccountsSchema.optional(),
  })
  .strict()
  .superRefine((pam, ctx) => {
    requireUniqueKeys(pam.resourceGroups, 'key', ctx, 'resource group', ['resourceGroups']);
    const { checkoutMinSeconds, checkoutMaxSeconds } = PAM_LIMITS;
    const ceiling = pam.checkout.maxDurationSeconds;
    if (ceiling < checkoutMinSeconds || ceiling > checkoutMaxSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkout', 'maxDurationSeconds'],
        message: `is ${ceiling} but must be between ${checkoutMinSeconds} and ${checkoutMaxSeconds} seconds (the provider's range)`,
      });
    }
    const checkDuration = (seconds: number, path: (string | number)[]) => {
      const max = Math.min(ceiling, checkoutMaxSeconds);
      if (seconds < checkoutMinSeconds || seconds > max) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `is ${seconds} but a checkout lasts between ${checkoutMinSeconds} and ${max} seconds (privilegedAccess.checkout.maxDurationSeconds); change it`,
        });
      }
    };
    checkDuration(pam.checkout.durationSeconds, ['checkout', 'durationSeconds']);
    checkPasswordPolicy(pam.passwords, ['passwords'], ctx);
    checkAdAccounts(pam, ctx);
    pam.resourceGroups.forEach((group, g) => {
      group.projects.forEach((project, p) => {
        const at = ['resourceGroups', g, 'projects', p];
        if (project.checkoutDurationSeconds !== undefined) checkDuration(project.checkoutDurationSeconds, [...at, 'checkoutDurationSeconds']);
        if (project.passwords) checkPasswordPolicy(effectivePasswords(pam.passwords, project.passwords), [...at, 'passwords'], ctx);
        if (project.adDiscovery && !pam.activeDirectory) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'adDiscovery'],
            message: 'needs an AD connection; add privilegedAccess.activeDirectory or remove adDiscovery',
          });
        }
        if (project.adDiscovery && project.platform !== 'windows') {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'adDiscovery'],
            message: `is set on a ${project.platform} project; AD discovery enrolls AD-joined Windows servers`,
          });
        }
      });
    });
  });

/** Rotation period and length bounds, reported at `path` (the effective policy, after per-project overrides). */
function checkPasswordPolicy(policy: z.infer<typeof PasswordPolicySchema>, path: (string | number)[], ctx: z.RefinementCtx): void {
  const { rotationMinHours, rotationMaxHours, passwordMinLengthFloor, passwordMaxLengthCeiling } = PAM_LIMITS;
  if (policy.rotationPeriodHours < rotationMinHours || policy.rotationPeriodHours > rotationMaxHours) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'rotationPeriodHours'],
      message: `is ${policy.rotationPeriodHours} but passwords rotate every ${rotationMinHours} to ${rotationMaxHours} hours (30 days); change it`,
    });
  }
  if (policy.minLength < passwordMinLengthFloor) {
    ctx.addIssue({ code: 'custom', path: [...path, 'minLength'], message: `is ${policy.minLength} but must be at least ${passwordMinLengthFloor}` });
  }
  if (Object.values(policy.characters).filter(Boolean).length < 3) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'characters'],
      message: 'enable at least three character classes (Windows password complexity requires three of the four)',
    });
  }
  if (policy.maxLength > passwordMaxLengthCeiling || policy.maxLength < policy.minLength) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'maxLength'],
      message: `is ${policy.maxLength} but must be between minLength (${policy.minLength}) and ${passwordMaxLengthCeiling}`,
    });
  }
}

export type PrivilegedAccessConfig = z.infer<typeof PrivilegedAccessSchema>;
export type PamResourceGroupConfig = z.infer<typeof ResourceGroupSchema>;
export type PamProjectConfig = z.infer<typeof ProjectSchema>;
export type PamPolicyConfig = z.infer<typeof PolicySchema>;
export type PamPolicyRuleConfig = z.infer<typeof PolicyRuleSchema>;
export type PamPasswordPolicy = z.infer<typeof PasswordPolicySchema>;
export type PamPrivilege = z.infer<typeof PrivilegeSchema>;

/** The parts of other sections the privileged-access section refers to. */
interface ReferencedSections {
  readonly identity: { readonly serverAccessGroups: readonly { key: string }[] };
  readonly governance?: { readonly conditions: readonly { accessScope: readonly string[] }[] };
  readonly privilegedAccess?: PrivilegedAccessConfig;
}

/**
 * Keys of the server-access groups users can request: those in the access scope of a governance request
 * condition. Membership in them is approved and time-bound, which is what makes them safe policy principals.
 */
export function requestableServerAccessKeys(env: Pick<ReferencedSections, 'governance'>): Set<string> {
  return new Set((env.governance?.conditions ?? []).flatMap((condition) => condition.accessScope));
}

/**
 * Cross-section check, called from the environment's root refinement: delegated admins and policy principals are
 * declared server-access groups, and a rule with no access-request condition grants access only to requestable ones.
 */
export function checkPrivilegedAccessReferences(env: ReferencedSections, ctx: z.RefinementCtx): void {
  const pam = env.privilegedAccess;
  if (!pam) return;
  const declared = new Set(env.identity.serverAccessGroups.map((g) => g.key));
  const requestable = requestableServerAccessKeys(env);
  const declaredList = [...declared].join(', ') || 'none';
  const unknown = (path: (string | number)[], key: string) =>
    ctx.addIssue({
      code: 'custom',
      path: ['privilegedAccess', ...path],
      message: `unknown server access group "${key}"; use one declared in identity.serverAccessGroups (${declaredList}) or declare it there`,
    });
  pam.resourceGroups.forEach((group, g) => {
    group.delegatedAdmins.forEach((key, i) => {
      if (!declared.has(key)) unknown(['resourceGroups', g, 'delegatedAdmins', i], key);
    });
    group.policies.forEach((policy, p) => {
      const at = ['resourceGroups', g, 'policies', p];
      policy.principals.forEach((key, i) => {
        if (!declared.has(key)) unknown([...at, 'principals', i], key);
      });
      const standing = policy.principals.filter((key) => declared.has(key) && !requestable.has(key));
      if (standing.length === 0) return;
      policy.rules.forEach((rule, r) => {
        if (rule.accessRequest) return;
        ctx.addIssue({
          code: 'custom',
          path: ['privilegedAccess', ...at, 'rules', r],
          message:
            `grants server access to ${standing.map((k) => `"${k}"`).join(', ')} with no access request: ` +
            `make the group requestable (a governance.conditions accessScope) or add accessRequest to the rule`,
        });
      });
    });
  });
}
