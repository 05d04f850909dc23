import { TerraformOutput, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { OktapamProvider } from '../.gen/providers/oktapam/provider';
import { effectivePasswords, type PrivilegedAccessConfig } from '../config/schema/privileged-access';
import type { BirthrightGroup } from '../constructs/birthright-group';
import { OpaGroup } from '../constructs/opa-group';
import { PamAdConnection, type AdDiscoveryRule } from '../constructs/pam-ad-connection';
import { gatewaySelector, PamGateway, renderGatewayAwsProfile, renderGatewayConfig, type GatewayConfigInput } from '../constructs/pam-gateway';
import { PamResourceGroup } from '../constructs/pam-resource-group';
import { PamSecurityPolicy } from '../constructs/pam-security-policy';
import { declareAdAccounts, type AdAccountsDeclared } from './ad-accounts';
import { BaseStack, type BaseStackProps } from './base-stack';
import type { GovernanceStack } from './governance-stack';
import type { IdentityStack } from './identity-stack';
import { recordingStorageOf } from './session-recordings-stack';

export interface PrivilegedAccessStackProps extends BaseStackProps {
  /** Server-access groups come from here: OPA groups are looked up by the Okta group's name, by reference. */
  readonly identity: IdentityStack;
  /**
   * The stack that makes the server-access groups requestable; policies are deployed after it.
   * @default - no governance stack: every rule must carry an access-request condition (enforced by config)
   */
  readonly governance?: GovernanceStack;
}

/**
 * Okta Privileged Access for AD-joined servers, on okta/oktapam 0.7.1 (generated bindings).
 *
 * Per entitlement domain a resource group with delegated admins and projects (enrollment token, password
 * rotation, mandatory checkout); a recording gateway (setup token, found by name once enrolled); the AD connection
 * and its discovery job; and `oktapam_security_policy_v2` policies whose principals are the requestable
 * server-access groups, with session recording and MFA on every rule.
 *
 * AD accounts OPA manages (account rules, rule settings, each project's AD password rotation), which the oktapam
 * provider cannot write, go through magodo/restful with an ephemeral service token (stacks/ad-accounts.ts).
 */
export class PrivilegedAccessStack extends BaseStack {
  public readonly gateway: PamGateway;
  /** Resource groups by key. */
  public readonly resourceGroups: Readonly<Record<string, PamResourceGroup>>;
  /** OPA groups by server-access group key. */
  public readonly opaGroups: Readonly<Record<string, OpaGroup>>;
  /** Security policies by `<resource group key>/<policy key>`. */
  public readonly policies: Readonly<Record<string, PamSecurityPolicy>>;
  /** Present when the environment configures `privilegedAccess.activeDirectory`. */
  public readonly adConnection?: PamAdConnection;
  /** Present when the environment configures `privilegedAccess.adAccounts`. */
  public readonly adAccounts?: AdAccountsDeclared;

  constructor(scope: Construct, props: PrivilegedAccessStackProps) {
    super(scope, 'privileged-access', props);
    const { config, identity } = props;
    const pam = config.privilegedAccess;
    if (!pam) {
      throw new Error(`environment "${config.name}" has no privilegedAccess section; declare one or do not create the privileged-access stack`);
    }
    // The API key and secret come from OKTAPAM_KEY / OKTAPAM_SECRET in the deploying environment, never from code.
    new OktapamProvider(this, 'oktapam', { oktapamTeam: pam.team, oktapamApiHost: pam.apiHost });
    if (props.governance) this.addDependency(props.governance);
    const prefix = config.identity.groupPrefix;

    this.opaGroups = this.lookUpGroups(pam, identity.serverAccessGroups);
    const groupId = (key: string) => (this.opaGroups[key] as OpaGroup).groupId;

    this.gateway = new PamGateway(this, 'Gateway', {
      name: pam.gateway.name,
      labels: pam.gateway.labels,
      tokenDescription: pam.gateway.tokenDescription,
    });

    const resourceGroups: Record<string, PamResourceGroup> = {};
    const policies: Record<string, PamSecurityPolicy> = {};
    const discoveryRules: AdDiscoveryRule[] = [];
    for (const group of pam.resourceGroups) {
      const resourceGroup = new PamResourceGroup(this, `ResourceGroup-${group.key}`, {
        name: `${prefix}-${group.key}`,
        description: group.description,
        delegatedAdminGroupIds: group.delegatedAdmins.map(groupId),
        projects: Object.fromEntries(
          group.projects.map((project) => [
            project.key,
            {
              name: project.key,
              gatewaySelector: project.gatewayLabels ? gatewaySelector(project.gatewayLabels) : this.gateway.selector,
              managedAccounts: project.managedAccounts,
              passwords: effectivePasswords(pam.passwords, project.passwords),
              checkoutDurationSeconds: project.checkoutDurationSeconds ?? pam.checkout.durationSeconds,
            },
          ]),
        ),
      });
      resourceGroups[group.key] = resourceGroup;
      for (const project of group.projects) {
        if (!project.adDiscovery) continue;
        discoveryRules.push({ projectId: resourceGroup.projects[project.key]!.projectId, ...project.adDiscovery });
      }
      for (const policy of group.policies) {
        policies[`${group.key}/${policy.key}`] = new PamSecurityPolicy(this, `Policy-${group.key}-${policy.key}`, {
          name: `${prefix}-${group.key}-${policy.key}`,
          description: policy.description,
          resourceGroupId: resourceGroup.resourceGroupId,
          principalGroupIds: policy.principals.map(groupId),
          rules: policy.rules.map((rule) => ({
            name: rule.name,
            serverLabels: rule.serverLabels,
            accounts: rule.accounts,
            privileges: rule.privileges,
            adminLevel: rule.adminLevel,
            mfa: { reAuthFrequencySeconds: rule.mfa?.reAuthFrequencySeconds ?? pam.mfa.reAuthFrequencySeconds, acrValues: pam.mfa.acrValues },
            accessRequest: rule.accessRequest,
          })),
        });
      }
    }
    this.resourceGroups = resourceGroups;
    this.policies = policies;

    if (pam.activeDirectory) {
      const ad = pam.activeDirectory;
      const password = new TerraformVariable(this, 'ad_service_account_password', {
        type: 'string',
        sensitive: true,
        nullable: false,
        description: `Password of the AD service account ${ad.serviceAccountUsername}; set TF_VAR_ad_service_account_password.`,
      });
      this.adConnection = new PamAdConnection(this, 'ActiveDirectory', {
        name: ad.connectionName ?? `ad-${ad.domain}`,
        domain: ad.domain,
        domainControllers: ad.domainControllers,
        gatewayId: this.gateway.gatewayId,
        gatewayCondition: {
          condition: this.gateway.exactlyOneCondition,
          errorMessage: `Exactly one OPA gateway must be named "${pam.gateway.name}" (privilegedAccess.gateway.name): enroll it with the gateway_setup_token output first, or fix the name.`,
        },
        serviceAccountUsername: ad.serviceAccountUsername,
        serviceAccountPassword: password.stringValue,
        serverDiscovery: ad.serverDiscovery,
        rules: discoveryRules,
        userSync: ad.userSync,
      });
    }

    this.adAccounts = declareAdAccounts(this, pam, this.resourceGroups);

    this.declareOutputs(pam);
  }

  /**
   * One OPA group lookup per server-access group the section uses, by the identity stack's group name, checked
   * against the Okta group's `name` attribute through a cross-stack reference (which also orders the deploys).
   */
  private lookUpGroups(pam: PrivilegedAccessConfig, serverAccessGroups: Record<string, BirthrightGroup>): Record<string, OpaGroup> {
    const keys = new Set(pam.resourceGroups.flatMap((group) => [...group.delegatedAdmins, ...group.policies.flatMap((policy) => policy.principals)]));
    const groups: Record<string, OpaGroup> = {};
    for (const key of [...keys].sort()) {
      const okta = serverAccessGroups[key];
      if (!okta) {
        const known = Object.keys(serverAccessGroups).join(', ') || 'none';
        throw new Error(`privilegedAccess names server access group "${key}" but the identity stack declares only: ${known}`);
      }
      groups[key] = new OpaGroup(this, `Group-${key}`, { name: okta.groupName, oktaGroupName: okta.resource.name });
    }
    return groups;
  }

  private declareOutputs(pam: PrivilegedAccessConfig): void {
    const output = (id: string, value: unknown, description: string, sensitive = false) =>
      new TerraformOutput(this, id, { staticId: true, value, description, sensitive });
    const byGroup = <T>(pick: (group: PamResourceGroup) => T) =>
      Object.fromEntries(Object.entries(this.resourceGroups).map(([key, group]) => [key, pick(group)]));
    const byProject = <T>(pick: (project: PamResourceGroup['projects'][string]) => T) =>
      byGroup((group) => Object.fromEntries(Object.entries(group.projects).map(([key, project]) => [key, pick(project)])));

    output('team', pam.team, 'OPA team name: the {team} of every OPA API path.');
    output(
      'resource_group_ids',
      byGroup((group) => group.resourceGroupId),
      'OPA resource group id, by resource group key.',
    );
    output(
      'project_ids',
      byProject((project) => project.projectId),
      'OPA project id, by resource group key then project key.',
    );
    output(
      'security_policy_ids',
      Object.fromEntries(Object.entries(this.policies).map(([key, policy]) => [key, policy.policyId])),
      'Security policy id, by "<resource group>/<policy>".',
    );
    output(
      'opa_group_ids',
      Object.fromEntries(Object.entries(this.opaGroups).map(([key, group]) => [key, group.groupId])),
      'OPA group id of each server-access group used, by key.',
    );
    output('gateway_id', this.gateway.gatewayId, 'Id of the recording gateway (null until it is enrolled).');
    output(
      'gateway_setup_token',
      this.gateway.setupToken.token,
      'Token that enrolls the recording gateway; read it with `terraform output -raw`, never print it in CI.',
      true,
    );
    // The gateway host's own configuration, rendered from the environment file (docs/session-recordings.md).
    const recordings = recordingStorageOf(this.config);
    const gatewayConfig: GatewayConfigInput = {
      gatewayName: pam.gateway.name,
      environment: this.config.name,
      labels: pam.gateway.labels,
      host: pam.gateway.host,
      sessionLogs: pam.gateway.sessionLogs,
      ...(recordings ? { recordingBucket: { name: recordings.bucketName, region: recordings.region, writerRoleArn: recordings.writerRoleArn } } : {}),
    };
    output(
      'gateway_config',
      renderGatewayConfig(gatewayConfig),
      "The gateway host's /etc/sft/sft-gatewayd.yaml (no secret in it): terraform output -raw gateway_config.",
    );
    const awsProfile = renderGatewayAwsProfile(gatewayConfig);
    if (awsProfile) {
      output('gateway_aws_config', awsProfile, 'AWS shared-config profile of the gateway host that assumes the recording writer role.');
    }
    output(
      'server_enrollment_tokens',
      byProject((project) => project.enrollmentToken.token),
      'Server enrollment token, by resource group key then project key; secret.',
      true,
    );
    if (this.adConnection) {
      output(
        'ad_connection_id',
        this.adConnection.connectionId,
        'Id of the gateway AD connection that discovers servers (not the AD-agent connection that account rules use).',
      );
    }
  }
}
