import type { Construct } from 'constructs';
import { AD_PASSWORD_DEFAULTS, adAccountsDomain, effectiveAdPasswords } from '../config/schema/ad-accounts';
import type { PrivilegedAccessConfig } from '../config/schema/privileged-access';
import { OpaAdConnectionLookup, OpaRestApi } from '../constructs/opa-rest-api';
import { PamAdAccountRule } from '../constructs/pam-ad-account-rule';
import { PamAdPasswordSettings } from '../constructs/pam-ad-password-settings';
import { PamAdRuleOrder } from '../constructs/pam-ad-rule-order';
import { PamAdRuleSettings } from '../constructs/pam-ad-rule-settings';
import type { PamResourceGroup } from '../constructs/pam-resource-group';

/** What the privileged-access stack declares for `privilegedAccess.adAccounts`. */
export interface AdAccountsDeclared {
  readonly api: OpaRestApi;
  readonly connection: OpaAdConnectionLookup;
  readonly ruleSettings: PamAdRuleSettings;
  /** In config (priority) order. */
  readonly rules: readonly PamAdAccountRule[];
  readonly order: PamAdRuleOrder;
  /** By `<resource group key>/<project key>`, for every project a rule puts accounts in. */
  readonly passwordSettings: Readonly<Record<string, PamAdPasswordSettings>>;
}

/** A construct id from a rule name: names may hold spaces and dots, ids keep to letters, digits and hyphens. */
const idOf = (name: string) => name.replace(/[^A-Za-z0-9-]+/g, '-');

/**
 * The AD accounts OPA manages, wired to the stack's resource groups and projects: the REST session, the AD
 * connection lookup, the rule settings (before any rule, since individual rules need them), the rules, their
 * order, and the AD password rotation of each project a rule targets. Config validation has already checked every
 * reference (config/schema/ad-accounts.ts).
 */
export function declareAdAccounts(
  scope: Construct,
  pam: PrivilegedAccessConfig,
  resourceGroups: Readonly<Record<string, PamResourceGroup>>,
): AdAccountsDeclared | undefined {
  const accounts = pam.adAccounts;
  if (!accounts) return undefined;
  const api = new OpaRestApi(scope, 'OpaApi', { team: pam.team, apiHost: pam.apiHost as string });
  const connection = new OpaAdConnectionLookup(scope, 'AdAccountConnection', { api, domain: adAccountsDomain(pam) as string });
  const connectionId = connection.connectionId;
  const ruleSettings = new PamAdRuleSettings(scope, 'AdAccountRuleSettings', { api, connectionId, ...accounts.ruleSettings });
  const target = (groupKey: string, projectKey: string) => {
    const group = resourceGroups[groupKey];
    const project = group?.projects[projectKey];
    if (!group || !project) throw new Error(`privilegedAccess.adAccounts names ${groupKey}/${projectKey}, which the stack did not declare`);
    return { resourceGroupId: group.resourceGroupId, projectId: project.projectId };
  };
  const rules = accounts.rules.map(
    (rule) =>
      new PamAdAccountRule(scope, `AdAccountRule-${idOf(rule.name)}`, {
        api,
        connectionId,
        name: rule.name,
        type: rule.type,
        organizationalUnits: rule.organizationalUnits,
        ...target(rule.resourceGroup, rule.project),
        importOktaUsers: rule.importOktaUsers,
        dependsOn: [ruleSettings.resource],
      }),
  );
  const order = new PamAdRuleOrder(scope, 'AdAccountRuleOrder', { api, connectionId, rules });
  const passwordSettings: Record<string, PamAdPasswordSettings> = {};
  for (const rule of accounts.rules) {
    const key = `${rule.resourceGroup}/${rule.project}`;
    if (passwordSettings[key]) continue;
    const project = pam.resourceGroups.find((g) => g.key === rule.resourceGroup)?.projects.find((p) => p.key === rule.project);
    passwordSettings[key] = new PamAdPasswordSettings(scope, `AdAccountPasswords-${rule.resourceGroup}-${rule.project}`, {
      api,
      ...target(rule.resourceGroup, rule.project),
      passwords: effectiveAdPasswords(accounts.passwords, project?.adAccountPasswords),
      defaults: AD_PASSWORD_DEFAULTS,
    });
  }
  return { api, connection, ruleSettings, rules, order, passwordSettings };
}
