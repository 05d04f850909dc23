import { ENV, jmlScopes, managedGroupsItems, type StackVariable } from '../bridge/contract';
import { managedGroupNames } from '../config/naming';
import type { EnvironmentConfig } from '../config/schema';
import { oktaOrgUrl } from './okta-org';

/**
 * The value of every plain variable a handler manifest entry may list (`bridge/contract/manifest.ts`), from the
 * environment's configuration. The record's type is the union of all entries' `environment`, so listing a new
 * variable in the manifest does not compile until it has a value here. `undefined` means "not in this
 * configuration" (the Workflows variables under the management executor): the stack then leaves it unset.
 * Secrets are never here: functions get Secrets Manager ARNs through their `access` (`stacks/bridge-access.ts`).
 */
export function stackVariables(config: EnvironmentConfig): Readonly<Record<StackVariable, string | undefined>> {
  const { bridge, jml, okta, identity } = config;
  const workflows = jml.executor === 'workflows' ? jml.workflows : undefined;
  return {
    [ENV.logLevel]: bridge.logLevel,
    // The list itself is in the configuration table (constructs/managed-groups-config), which outgrows no quota.
    [ENV.managedGroupsDigest]: managedGroupsItems(managedGroupNames(identity)).head.digest,
    [ENV.executor]: executorName(config),
    // The JML service app's client id is not here: it is an identity stack output the bridge cannot reference
    // without a cycle, so it travels with the private key in the Okta key secret.
    [ENV.oktaOrgUrl]: oktaOrgUrl(okta),
    // The first public key is the one in use; a `keyId` in the Okta key secret overrides it during a rotation.
    [ENV.oktaKeyId]: identity.serviceApp.publicKeys[0].kid,
    [ENV.oktaScopes]: jmlScopes({ invokeWorkflows: workflows?.auth === 'oauth' }).join(' '),
    [ENV.workflowsAuth]: workflows?.auth,
    [ENV.workflowsFlowUrls]: workflows
      ? JSON.stringify(Object.fromEntries(Object.entries(workflows.flows).map(([action, alias]) => [action, workflowsInvokeUrl(config, alias)])))
      : undefined,
    // The identity stack's event hook sends its secret in the Authorization header.
    [ENV.eventHookHeader]: 'authorization',
    [ENV.serviceNowUrl]: bridge.serviceNowInstanceUrl,
  };
}

/** The bridge's name for who executes JML actions (`BRIDGE_EXECUTOR`). */
export function executorName(config: EnvironmentConfig): 'management' | 'workflows' {
  return config.jml.executor === 'workflows' ? 'workflows' : 'management';
}

/**
 * The Invoke URL of a Workflows API-endpoint flow. Okta documents only "copy the Invoke URL"; this shape is the one
 * public scripts use (see docs/reference/okta-workflows.md §1.2, community-sourced), so check it against the console.
 */
export function workflowsInvokeUrl(config: EnvironmentConfig, alias: string): string {
  return `https://${config.okta.orgName}.workflows.${config.okta.baseUrl}/api/flo/${alias}/invoke`;
}
