/**
 * The values that must differ between two environments, one per flag. Everything else in an environment file
 * is either declared (groups, conditions, ...) or looked up by name, so it carries over unchanged.
 */
export interface CloneField {
  /** Command-line flag without dashes, e.g. `org-name`. */
  readonly flag: string;
  /** What to type, for prompts and error messages. */
  readonly describe: string;
  /** Checks and normalizes a value; throws with what is wrong and an example. */
  readonly parse: (value: string) => string;
  /** Whether a clone needs this value when the source has the section it belongs to; false when it has a default. */
  readonly required: boolean;
}

function matching(pattern: RegExp, what: string): (value: string) => string {
  return (value) => {
    const trimmed = value.trim();
    if (!pattern.test(trimmed)) throw new Error(`"${value}" is not ${what}`);
    return trimmed;
  };
}

const REGION = matching(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1');

/** `acme` or `https://acme.service-now.com` -> `https://acme.service-now.com`. */
function serviceNowInstance(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (/^[a-z0-9][a-z0-9-]{1,62}$/.test(trimmed)) return `https://${trimmed}.service-now.com`;
  if (/^https:\/\/[a-z0-9.-]+$/.test(trimmed)) return trimmed;
  throw new Error(`"${value}" is not a ServiceNow instance: give its name (acme) or https URL (https://acme.service-now.com)`);
}

export const CLONE_FIELDS = {
  orgName: {
    flag: 'org-name',
    describe: 'Okta org subdomain (acme for https://acme.okta.com)',
    required: true,
    parse: matching(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an Okta org subdomain such as acme'),
  },
  baseUrl: {
    flag: 'base-url',
    describe: 'Okta base domain (okta.com, oktapreview.com, okta-emea.com, okta-gov.com, okta.mil)',
    required: true,
    parse: matching(/^(okta\.com|oktapreview\.com|okta-emea\.com|okta-gov\.com|okta\.mil)$/, 'an Okta base domain such as okta.com'),
  },
  awsAccount: { flag: 'aws-account', describe: '12-digit AWS account id', required: true, parse: matching(/^\d{12}$/, 'a 12-digit AWS account id') },
  region: { flag: 'region', describe: 'AWS region (eu-west-1)', required: true, parse: REGION },
  backendBucket: {
    flag: 'backend-bucket',
    describe: 'S3 bucket for Terraform state',
    required: true,
    parse: matching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
  },
  backendRegion: { flag: 'backend-region', describe: 'region of the state bucket (default: --region)', required: false, parse: REGION },
  backendKeyPrefix: {
    flag: 'backend-key-prefix',
    describe: 'state key prefix (default: identity-lifecycle)',
    required: false,
    parse: matching(/^[a-zA-Z0-9_./-]+$/, 'an S3 key prefix'),
  },
  backendLockTable: {
    flag: 'backend-lock-table',
    describe: 'DynamoDB lock table (default: S3 lock files)',
    required: false,
    parse: matching(/^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name'),
  },
  servicenowInstance: {
    flag: 'servicenow-instance',
    describe: 'ServiceNow instance (acme or https://acme.service-now.com)',
    required: true,
    parse: serviceNowInstance,
  },
  pamTeam: {
    flag: 'pam-team',
    describe: 'Okta Privileged Access team name',
    required: true,
    parse: matching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, 'an Okta Privileged Access team name'),
  },
  pamApiHost: {
    flag: 'pam-api-host',
    describe: 'Okta Privileged Access API host (default: https://<org-name>.pam.<base-url>)',
    required: false,
    parse: matching(/^https:\/\/[a-z0-9.-]+$/, 'an https URL such as https://acme.pam.okta.com'),
  },
  alarmEmail: {
    flag: 'alarm-email',
    describe: 'e-mail for the bridge alarms (default: unchanged)',
    required: false,
    parse: matching(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address'),
  },
  description: { flag: 'description', describe: 'one-line description of the environment', required: false, parse: (v: string) => v.trim() },
} as const satisfies Record<string, CloneField>;

export type CloneFieldName = keyof typeof CLONE_FIELDS;
export type CloneValues = Partial<Record<CloneFieldName, string>>;

/** Sections of an environment file a field belongs to: the field is asked for only when the source has one. */
export const FIELD_SECTIONS: Partial<Record<CloneFieldName, readonly string[]>> = {
  servicenowInstance: ['bridge', 'servicenow'],
  pamTeam: ['privilegedAccess'],
  pamApiHost: ['privilegedAccess'],
};

/** The required fields a clone of a source with these top-level sections must be given. */
export function requiredFields(sections: ReadonlySet<string>): CloneFieldName[] {
  return (Object.keys(CLONE_FIELDS) as CloneFieldName[]).filter((name) => {
    if (!CLONE_FIELDS[name].required) return false;
    const needs = FIELD_SECTIONS[name];
    return !needs || needs.some((section) => sections.has(section));
  });
}
