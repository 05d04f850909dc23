import type { AdminRoleBinding, OktaSimulator } from '../../../simulators';
import { JML_ROLE_PERMISSIONS, jmlResourceSetResources } from '../../../constructs/jml-service-app/permissions';

/**
 * The custom admin role the identity stack binds to the JML service app (`JmlServiceApp`: its permissions, on a
 * resource set of the managed groups and the users of the population group), as a binding of the Okta simulator.
 * Local mode and the test harness bind it by default so that the demo and the tests see the 403s production sees.
 */
export function productionRoleBinding(okta: OktaSimulator, managedGroups: readonly string[]): AdminRoleBinding {
  const population = managedGroups.find((name) => name.endsWith('-managed-users'));
  if (!population) {
    throw new Error(`no population group (<prefix>-managed-users) among the managed groups ${managedGroups.join(', ')}; the production role is bound to it`);
  }
  return {
    permissions: [...JML_ROLE_PERMISSIONS],
    resources: jmlResourceSetResources(
      okta.url,
      okta.groupId(population),
      managedGroups.filter((name) => name !== population).map((name) => okta.groupId(name)),
    ),
  };
}

/** Binds {@link productionRoleBinding} to the bridge's client in the simulator. */
export function enforceProductionRole(okta: OktaSimulator, clientId: string, managedGroups: readonly string[]): void {
  okta.assignAdminRole(clientId, productionRoleBinding(okta, managedGroups));
}
