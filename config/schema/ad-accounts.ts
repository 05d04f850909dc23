import { z } from 'zod';
import { KeySchema, requireUniqueKeys } from './common';

/**
 * Active Directory accounts that Okta Privileged Access manages ("Manage Active Directory Accounts"): the account
 * rules that bring AD accounts under management in a resource group's project, the rule settings that match
 * individual accounts to their owners, and each project's AD password rotation. Facts and sources:
 * docs/opa-ad-accounts.md.
 */

/** Bounds of the AD password settings (`ActiveDirectoryPasswordPolicy`) and of the project's own policy. */
export const AD_ACCOUNT_LIMITS = {
  /** Hourly at most (more only churns the vault); at least every 30 days (guardrail LP-PAM7). */
  rotationMinHours: 1,
  rotationMaxHours: 30 * 24,
  /** Below 16 characters a vaulted password is guessable offline; AD accepts at most 256 (OPA counts bytes). */
  passwordMinLengthFloor: 16,
  passwordMaxLengthCeiling: 256,
  /** Keep rule lists reviewable; OPA documents no limit. */
  maxRules: 50,
  /** Filters per OU; OPA documents no limit. */
  maxFiltersPerOu: 10,
} as const;

/** A name OPA shows and matches exactly. */
const RuleNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,254}$/, 'must be 1-255 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit');

/** An OU's distinguished name, e.g. `OU=Admins,OU=Engineering,DC=corp,DC=example,DC=com`. */
const OuDnSchema = z
  .string()
  .max(2048)
  .regex(/^OU=[^,]+(,(OU|CN)=[^,]+)*(,DC=[^,]+)+$/i, 'must be an OU distinguished name such as "OU=Admins,DC=corp,DC=example,DC=com"');

/** One condition on the accounts of an OU (`enhanced_filters`); all conditions of an OU must hold. */
export const AdAccountFilterSchema = z
  .object({
    /** `account-name`: the sAMAccountName; `okta-group-name`: an Okta group the imported user belongs to. */
    field: z.enum(['account-name', 'okta-group-name']),
    operator: z.enum(['starts-with', 'ends-with', 'contains', 'equals']),
    value: z.string().min(1).max(256),
  })
  .strict();

export const AdAccountOuSchema = z
  .object({
    dn: OuDnSchema,
    /** @default - every account of the OU */
    filters: z.array(AdAccountFilterSchema).max(AD_ACCOUNT_LIMITS.maxFiltersPerOu).optional(),
  })
  .strict();

/** An account rule: which AD accounts OPA manages, and the project they land in. Rule order is priority order. */
export const AdAccountRuleSchema = z
  .object({
    name: RuleNameSchema,
    /** `individual`: one person's admin account, matched to its owner; `shared`: checked out by many. */
    type: z.enum(['individual', 'shared']),
    organizationalUnits: z.array(AdAccountOuSchema).min(1, 'name at least one OU'),
    /** Key of a `privilegedAccess.resourceGroups` entry. */
    resourceGroup: KeySchema,
    /** Key of a project of that resource group. */
    project: KeySchema,
    /** Must stay true: OPA rotates a password when it takes the account over, so no one keeps the old one. @default true */
    rotateOnDiscovery: z.boolean().default(true),
    /** Let accounts of the OUs stay (or become) active Okta users. @default false (admin accounts are not people) */
    importOktaUsers: z.boolean().default(false),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (!rule.rotateOnDiscovery) {
      ctx.addIssue({
        code: 'custom',
        path: ['rotateOnDiscovery'],
        message: 'is false, but a managed AD account is rotated when OPA takes it over so that no one keeps the old password; remove the key or set it to true',
      });
    }
    const dns = rule.organizationalUnits.map((ou) => ou.dn.toLowerCase());
    dns.forEach((dn, i) => {
      if (dns.indexOf(dn) !== i)
        ctx.addIssue({ code: 'custom', path: ['organizationalUnits', i, 'dn'], message: `repeats OU "${rule.organizationalUnits[i]?.dn}"; list each OU once` });
    });
  });

/** How OPA matches discovered individual accounts to Okta users (`rule_settings`; one per AD connection). */
export const AdRuleSettingsSchema = z
  .object({
    /** Attributes that must all match exactly. @default [username] */
    matchOn: z
      .array(z.enum(['username', 'first-and-last-name', 'display-name', 'email']))
      .min(1, 'match on at least one attribute (e.g. [username])')
      .default(['username']),
    /** Prefixes / suffixes stripped before matching (e.g. "adm-"); any one may match. @default - exact matches only */
    partialMatches: z
      .array(z.object({ operator: z.enum(['starts-with', 'ends-with']), value: z.string().min(1).max(64) }).strict())
      .max(20)
      .default([]),
  })
  .strict();

/** Character classes of a rotated AD password; at least three (Windows complexity requires three of four). */
const AdCharactersSchema = z
  .object({
    upperCase: z.boolean().default(true),
    lowerCase: z.boolean().default(true),
    digits: z.boolean().default(true),
    punctuation: z.boolean().default(true),
    /** Symbols never used, e.g. ones a legacy application cannot take. @default [] */
    excludeSymbols: z.array(z.string().length(1, 'must be a single character')).default([]),
  })
  .strict();

export const AD_PASSWORD_DEFAULTS = {
  rotationPeriodHours: 24,
  minLength: 32,
  maxLength: 64,
  characters: { upperCase: true, lowerCase: true, digits: true, punctuation: true, excludeSymbols: [] as string[] },
};

/** Rotation and complexity of managed AD account passwords. Periodic rotation is always on: there is no switch. */
export const AdPasswordPolicySchema = z
  .object({
    /** @default 24 */
    rotationPeriodHours: z.number().int('must be a whole number of hours').default(AD_PASSWORD_DEFAULTS.rotationPeriodHours),
    /** @default 32 */
    minLength: z.number().int().default(AD_PASSWORD_DEFAULTS.minLength),
    /** @default 64 */
    maxLength: z.number().int().default(AD_PASSWORD_DEFAULTS.maxLength),
    characters: AdCharactersSchema.default(AD_PASSWORD_DEFAULTS.characters),
  })
  .strict();

/** A project's changes to `privilegedAccess.adAccounts.passwords`; omitted fields keep the environment's value. */
export const AdPasswordOverrideSchema = z
  .object({
    rotationPeriodHours: z.number().int('must be a whole number of hours').optional(),
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    characters: z
      .object({
        upperCase: z.boolean().optional(),
        lowerCase: z.boolean().optional(),
        digits: z.boolean().optional(),
        punctuation: z.boolean().optional(),
        excludeSymbols: z.array(z.string().length(1, 'must be a single character')).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const AdAccountsSchema = z
  .object({
    /** Domain of the AD connection the Okta AD agent created (looked up by domain). @default - privilegedAccess.activeDirectory.domain */
    domain: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase DNS domain such as "corp.example.com"')
      .optional(),
    ruleSettings: AdRuleSettingsSchema.default({ matchOn: ['username'], partialMatches: [] }),
    passwords: AdPasswordPolicySchema.default(AD_PASSWORD_DEFAULTS),
    /** In priority order: the first rule that covers an account decides its project. */
    rules: z
      .array(AdAccountRuleSchema)
      .min(1, 'declare at least one account rule')
      .max(AD_ACCOUNT_LIMITS.maxRules, `keep at most ${AD_ACCOUNT_LIMITS.maxRules} account rules`),
  })
  .strict()
  .superRefine((accounts, ctx) => requireUniqueKeys(accounts.rules, 'name', ctx, 'account rule', ['rules']));

export type AdAccountsConfig = z.infer<typeof AdAccountsSchema>;
export type AdAccountRuleConfig = z.infer<typeof AdAccountRuleSchema>;
export type AdPasswordPolicy = z.infer<typeof AdPasswordPolicySchema>;
export type AdPasswordOverride = z.infer<typeof AdPasswordOverrideSchema>;

/** The policy a project gets: the environment's, with the project's fields (and character options) replaced. */
export function effectiveAdPasswords(base: AdPasswordPolicy, override: AdPasswordOverride | undefined): AdPasswordPolicy {
  const defined = <T extends object>(value: T | undefined) => Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { characters, ...fields } = override ?? {};
  return { ...base, ...defined(fields), characters: { ...base.characters, ...defined(characters) } };
}

/** Rotation period, lengths and character classes of an effective AD password policy, reported at `path`. */
export function checkAdPasswordPolicy(policy: AdPasswordPolicy, path: (string | number)[], ctx: z.RefinementCtx): void {
  const { rotationMinHours, rotationMaxHours, passwordMinLengthFloor, passwordMaxLengthCeiling } = AD_ACCOUNT_LIMITS;
  const issue = (at: string, message: string) => ctx.addIssue({ code: 'custom', path: [...path, at], message });
  if (policy.rotationPeriodHours < rotationMinHours || policy.rotationPeriodHours > rotationMaxHours) {
    issue(
      'rotationPeriodHours',
      `is ${policy.rotationPeriodHours} but AD account passwords rotate every ${rotationMinHours} to ${rotationMaxHours} hours (30 days); change it`,
    );
  }
  if (policy.minLength < passwordMinLengthFloor) issue('minLength', `is ${policy.minLength} but must be at least ${passwordMinLengthFloor}`);
  if (policy.maxLength > passwordMaxLengthCeiling || policy.maxLength < policy.minLength) {
    issue('maxLength', `is ${policy.maxLength} but must be between minLength (${policy.minLength}) and ${passwordMaxLengthCeiling} (the AD limit)`);
  }
  const { excludeSymbols, ...classes } = policy.characters;
  if (Object.values(classes).filter(Boolean).length < 3) {
    issue('characters', 'enable at least three character classes (Windows password complexity requires three of the four)');
  }
  if (excludeSymbols.some((symbol) => /[A-Za-z0-9]/.test(symbol))) {
    issue('characters', `excludeSymbols may list only punctuation, not ${JSON.stringify(excludeSymbols.filter((s) => /[A-Za-z0-9]/.test(s)))}`);
  }
}

/** The parts of `privilegedAccess` the AD account checks read. */
interface PamSection {
  readonly apiHost?: string;
  readonly activeDirectory?: { readonly domain: string };
  readonly adAccounts?: AdAccountsConfig;
  readonly resourceGroups: readonly {
    readonly key: string;
    readonly projects: readonly { readonly key: string; readonly adAccountPasswords?: AdPasswordOverride }[];
  }[];
}

/** The domain whose AD connection the account rules use. */
export function adAccountsDomain(pam: PamSection): string | undefined {
  return pam.adAccounts?.domain ?? pam.activeDirectory?.domain;
}

/**
 * Cross-field checks of `privilegedAccess.adAccounts`, called from the section's refinement: an API host and a
 * domain, rules that point at declared projects, OUs inside the domain, and per-project password overrides only
 * where accounts land.
 */
export function checkAdAccounts(pam: PamSection, ctx: z.RefinementCtx): void {
  const accounts = pam.adAccounts;
  const targeted = new Set((accounts?.rules ?? []).map((rule) => `${rule.resourceGroup}/${rule.project}`));
  pam.resourceGroups.forEach((group, g) =>
    group.projects.forEach((project, p) => {
      if (!project.adAccountPasswords) return;
      const at = ['resourceGroups', g, 'projects', p, 'adAccountPasswords'];
      if (!accounts || !targeted.has(`${group.key}/${project.key}`)) {
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: `is set but no privilegedAccess.adAccounts rule puts accounts in ${group.key}/${project.key}; add a rule or remove it`,
        });
        return;
      }
      checkAdPasswordPolicy(effectiveAdPasswords(accounts.passwords, project.adAccountPasswords), at, ctx);
    }),
  );
  if (!accounts) return;
  checkAdPasswordPolicy(accounts.passwords, ['adAccounts', 'passwords'], ctx);
  if (!pam.apiHost) {
    ctx.addIssue({
      code: 'custom',
      path: ['apiHost'],
      message: 'is required with adAccounts: the REST provider that manages AD accounts needs the OPA host, e.g. "https://<org>.pam.okta.com"',
    });
  }
  const domain = adAccountsDomain(pam);
  if (!domain) {
    ctx.addIssue({
      code: 'custom',
      path: ['adAccounts', 'domain'],
      message: 'is needed when privilegedAccess.activeDirectory is not declared: name the domain of the Okta AD agent connection',
    });
  }
  const suffix = domain
    ? domain
        .split('.')
        .map((part) => `dc=${part}`)
        .join(',')
    : undefined;
  accounts.rules.forEach((rule, r) => {
    const at = ['adAccounts', 'rules', r];
    const group = pam.resourceGroups.find((candidate) => candidate.key === rule.resourceGroup);
    if (!group) {
      const known = pam.resourceGroups.map((candidate) => candidate.key).join(', ');
      ctx.addIssue({ code: 'custom', path: [...at, 'resourceGroup'], message: `unknown resource group "${rule.resourceGroup}"; use one of ${known}` });
    } else if (!group.projects.some((project) => project.key === rule.project)) {
      const known = group.projects.map((project) => project.key).join(', ');
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'project'],
        message: `unknown project "${rule.project}" in resource group "${rule.resourceGroup}"; use one of ${known}`,
      });
    }
    rule.organizationalUnits.forEach((ou, o) => {
      if (suffix && !ou.dn.replace(/,\s+/g, ',').toLowerCase().endsWith(suffix)) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'organizationalUnits', o, 'dn'],
          message: `"${ou.dn}" is not in the domain ${domain} (its DN must end with ${suffix.toUpperCase()})`,
        });
      }
    });
  });
}
