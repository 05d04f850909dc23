import { AdminRoleCustom } from '@cdktf/provider-okta/lib/admin-role-custom';
import { AppOauth } from '@cdktf/provider-okta/lib/app-oauth';
import { AppOauthApiScope } from '@cdktf/provider-okta/lib/app-oauth-api-scope';
import { AppOauthRoleAssignment } from '@cdktf/provider-okta/lib/app-oauth-role-assignment';
import { ResourceSet } from '@cdktf/provider-okta/lib/resource-set';
import { Construct } from 'constructs';
import type { PublicJwkSchema } from '../../config/schema/identity';
import type { z } from 'zod';
import { JML_MANAGEMENT_SCOPES, JML_ROLE_PERMISSIONS, WORKFLOWS_INVOKE_SCOPE, jmlResourceSetResources } from './permissions';

export interface JmlServiceAppProps {
  readonly label: string;
  /** Public keys for `private_key_jwt`; the private keys stay in the bridge's secret store. */
  readonly publicKeys: readonly z.infer<typeof PublicJwkSchema>[];
  /** `https://<org>.<baseUrl>`: the org authorization server that issues the app's tokens. */
  readonly orgUrl: string;
  /** Id of the group of users the bridge onboarded: the only users its role may act on. */
  readonly populationGroupId: string;
  /**
   * Also grant `okta.workflows.invoke.manage`, for environments whose JML actions run in Workflows flows.
   * @default false
   */
  readonly invokeWorkflows?: boolean;
}

/**
 * The JML machine identity: an OAuth 2.0 service app that authenticates only with `private_key_jwt`.
 *
 * Baked in: client-credentials grant only, no client secret, the Management API scopes the bridge uses, and a
 * custom admin role with lifecycle permissions bound to a resource set of the population group and its users. The
 * same role is bound to the other managed groups by {@link declareManagedGroupScopes}, in sets of at most 1,000
 * resources (Okta's limit), next to the groups wherever they are declared.
 * It never holds a standard admin role.
 */
export class JmlServiceApp extends Construct {
  public readonly resource: AppOauth;
  public readonly clientId: string;
  public readonly grantedScopes: readonly string[];
  public readonly role: AdminRoleCustom;
  public readonly resourceSet: ResourceSet;

  constructor(scope: Construct, id: string, props: JmlServiceAppProps) {
    super(scope, id);
    this.resource = new AppOauth(this, 'Resource', {
      label: props.label,
      type: 'service',
      grantTypes: ['client_credentials'],
      responseTypes: ['token'],
      tokenEndpointAuthMethod: 'private_key_jwt',
      omitSecret: true,
      autoKeyRotation: true,
      jwks: props.publicKeys.map((key) => ({ ...key })),
    });
    this.clientId = this.resource.clientId;

    this.grantedScopes = [...JML_MANAGEMENT_SCOPES, ...(props.invokeWorkflows ? [WORKFLOWS_INVOKE_SCOPE] : [])];
    new AppOauthApiScope(this, 'Scopes', {
      appId: this.resource.id,
      issuer: props.orgUrl,
      scopes: [...this.grantedScopes],
    });

    this.role = new AdminRoleCustom(this, 'Role', {
      label: `${props.label} lifecycle`,
      description: 'Joiner / mover / leaver lifecycle on the groups this project manages, for the JML bridge only.',
      permissions: [...JML_ROLE_PERMISSIONS],
    });
    this.resourceSet = new ResourceSet(this, 'ResourceSet', {
      label: `${props.label} population`,
      description: 'The group of users the JML bridge onboarded, and those users.',
      resources: jmlResourceSetResources(props.orgUrl, props.populationGroupId, []),
    });
    new AppOauthRoleAssignment(this, 'RoleAssignment', {
      clientId: this.clientId,
      type: 'CUSTOM',
      role: this.role.id,
      resourceSet: this.resourceSet.id,
    });
  }
}
