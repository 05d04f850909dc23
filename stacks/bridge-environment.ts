import { ENV } from '../bridge/src/config/env-names';
import { managedGroupNames } from '../config/naming';
import type { EnvironmentConfig } from '../config/schema';
import { JML_MANAGEMENT_SCOPES, WORKFLOWS_INVOKE_SCOPE } from '../constructs/jml-service-app';
import { oktaOrgUrl } from './okta-org';

/**
 * The bridge's runtime configuration, as the environment variables `bridge/src/config/env-names.ts` names.
 * Only plain configuration lives here; secrets are passed as Secrets Manager ARNs by the stack.
 */

/** Managed group NAMES, not ids: the bridge resolves ids at run time, so it never depends on the identity stack. */
export function managedGroupsVariables(config: EnvironmentConfig): Record<string, string> {
  return { [ENV.managedGroups]: JSON.stringify(managedGroupNames(config.identity)) };
}

/** The bridge's name for who executes JML actions (`BRIDGE_EXECUTOR`). */
export function executorName(config: EnvironmentConfig): 'management' | 'workflows' {
  return config.jml.executor === 'workflows' ? 'workflows' : 'management';
}

/**
 * How the worker reaches Okta. The JML service app's client id is not among them: it is an identity stack output
 * the bridge cannot reference without a cycle, so it travels with the private key in the Okta key secret.
 */
export function oktaVariables(config: EnvironmentConfig): Record<string, string> {
  const { jml, okta, identity } = config;
  const workflows = jml.executor === 'workflows' ? jml.workflows : undefined;
  const scopes = [...JML_MANAGEMENT_SCOPES, ...(workflows?.auth === 'oauth' ? [WORKFLOWS_INVOKE_SCOPE] : [])];
  const variables: Record<string, string> = {
    [ENV.executor]: executorName(config),
    [ENV.oktaOrgUrl]: oktaOrgUrl(okta),
    // The first public key is the one in use; a `keyId` in the Okta key secret overrides it during a rotation.
    [ENV.oktaKeyId]: identity.serviceApp.publicKeys[0].kid,
    [ENV.oktaScopes]: scopes.join(' '),
  };
  if (workflows) {
    variables[ENV.workflowsAuth] = workflows.auth;
    variables[ENV.workflowsFlowUrls] = JSON.stringify(
      Object.fromEntries(Object.entries(workflows.flows).map(([action, alias]) => [action, workflowsInvokeUrl(config, alias)])),
    );
  }
  return variables;
}

/**
 * The Invoke URL of a Workflows API-endpoint flow. Okta documents only "copy the Invoke URL"; this shape is the one
 * public scripts use (reference bridge-protocols.md §1.2, community-sourced), so check it against the console.
 */
export function workflowsInvokeUrl(config: EnvironmentConfig, alias: string): string {
  return `https://${config.okta.orgName}.workflows.${config.okta.baseUrl}/api/flo/${alias}/invoke`;
}
