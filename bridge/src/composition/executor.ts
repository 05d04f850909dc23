import { WORKFLOWS_INVOKE_SCOPE } from '../../contract/scopes';
import { ClientCredentialsTokenProvider } from '../adapters/okta/client-credentials-token';
import { SdkOktaDirectoryFactory } from '../adapters/okta/management-directory';
import { createOktaClient } from '../adapters/okta/sdk-client';
import { WorkflowsExecutor } from '../adapters/workflows/workflows-executor';
import { OktaConfig } from '../config/load';
import { DirectoryLifecycleExecutor } from '../domain/directory-lifecycle';
import { ManagedGroupSet } from '../domain/managed-groups';
import { LifecycleExecutor } from '../ports/lifecycle-executor';
import { Logger } from '../ports/logger';

/** The scope an OAuth-secured Workflows API endpoint requires (docs/reference/okta-workflows.md §1.1), defined once. */
export { WORKFLOWS_INVOKE_SCOPE };

/**
 * The configured executor: the Management API through the Okta SDK (default), or one Workflows flow per action,
 * authenticated by the same service app (private_key_jwt, Workflows invoke scope) or by the flows' client token.
 */
export function buildExecutor(config: OktaConfig, managedGroups: ManagedGroupSet, logger: Logger): LifecycleExecutor {
  if (config.executor === 'workflows') {
    const workflows = config.workflows;
    if (!workflows) {
      throw new Error('the workflows executor needs OKTA_WORKFLOWS_FLOW_URLS');
    }
    const auth =
      workflows.auth === 'client-token'
        ? { type: 'client-token' as const, clientToken: workflows.clientToken ?? '' }
        : (() => {
            const tokens = new ClientCredentialsTokenProvider({
              orgUrl: config.orgUrl,
              clientId: config.clientId,
              keyId: config.keyId,
              privateKey: config.privateKey,
              scopes: [WORKFLOWS_INVOKE_SCOPE],
              timeoutMs: config.retry.requestTimeoutMs,
            });
            return { type: 'oauth' as const, token: () => tokens.token() };
          })();
    return new WorkflowsExecutor({ flowUrls: workflows.flowUrls, auth, retry: config.retry }, logger);
  }
  const client = createOktaClient(
    { orgUrl: config.orgUrl, clientId: config.clientId, keyId: config.keyId, privateKey: config.privateKey, scopes: config.scopes, retry: config.retry },
    logger,
  );
  return new DirectoryLifecycleExecutor(new SdkOktaDirectoryFactory(client), managedGroups);
}
