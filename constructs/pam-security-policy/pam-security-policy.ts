import { Construct } from 'constructs';
import { SecurityPolicyV2, type SecurityPolicyV2Rules, type SecurityPolicyV2RulesConditions } from '../../.gen/providers/oktapam/security-policy-v2';
import { toPrivileges, type ServerPrivilege } from './privileges';
import { validatePolicyProps } from './validate-props';

/** An Okta Access Requests request type whose approval the rule requires. */
export interface AccessRequestCondition {
  readonly requestTypeName: string;
  /** @default - OPA resolves the request type by name */
  readonly requestTypeId?: string;
  /** @default - the request type's own duration */
  readonly expiresAfterSeconds?: number;
}

export interface PamPolicyRuleProps {
  readonly name: string;
  /** Labels every selected server carries, e.g. `{ 'system.os_type': 'windows' }`. */
  readonly serverLabels: Readonly<Record<string, string>>;
  /** Vaulted accounts the rule covers; required by password checkout and reveal. @default - none */
  readonly accounts?: readonly string[];
  readonly privileges: readonly ServerPrivilege[];
  /** Full administrator for principal-account privileges. @default false */
  readonly adminLevel?: boolean;
  /** MFA re-authentication; 0 asks for every connection. */
  readonly mfa: { readonly reAuthFrequencySeconds: number; readonly acrValues?: string };
  /** @default - no access request: the principals themselves must be requestable, time-bound groups */
  readonly accessRequest?: AccessRequestCondition;
}

export interface PamSecurityPolicyProps {
  readonly name: string;
  /** @default - no description */
  readonly description?: string;
  /** The policy applies to this resource group only (ForceNew: changing it replaces the policy). */
  readonly resourceGroupId: string;
  /** OPA ids of the groups the policy binds, found by name (never typed). */
  readonly principalGroupIds: readonly string[];
  readonly rules: readonly PamPolicyRuleProps[];
}

/** The conditions every rule carries: traffic through the gateway with recording, then MFA, then an optional request. */
export function ruleConditions(rule: PamPolicyRuleProps): SecurityPolicyV2RulesConditions[] {
  // One condition per list element, as the provider's test data and the OPA API's condition list write them.
  const conditions: SecurityPolicyV2RulesConditions[] = [
    { gateway: { sessionRecording: true, trafficForwarding: true } },
    { mfa: { reAuthFrequencyInSeconds: rule.mfa.reAuthFrequencySeconds, acrValues: rule.mfa.acrValues } },
  ];
  if (rule.accessRequest) conditions.push({ accessRequest: { ...rule.accessRequest } });
  return conditions;
}

/**
 * An active `oktapam_security_policy_v2` scoped to one resource group, whose rules grant server access only
 * through the recording gateway and after MFA.
 *
 * Baked in, with no switch: `gateway.session_recording = true` and `traffic_forwarding = true` on every rule, and an
 * `mfa` condition on every rule. Why v2 and not `oktapam_security_policy`: see the README's privileged-access section.
 */
export class PamSecurityPolicy extends Construct {
  public readonly resource: SecurityPolicyV2;
  public readonly policyId: string;

  constructor(scope: Construct, id: string, props: PamSecurityPolicyProps) {
    super(scope, id);
    const errors = validatePolicyProps(props);
    if (errors.length > 0) {
      throw new Error(`PamSecurityPolicy ${this.node.path} initialization failed due to the following validation error(s):\n- ${errors.join('\n- ')}`);
    }
    this.resource = new SecurityPolicyV2(this, 'Resource', {
      name: props.name,
      description: props.description,
      type: 'default',
      active: true,
      resourceGroup: props.resourceGroupId,
      principals: { userGroups: [...props.principalGroupIds] },
      rules: props.rules.map(
        (rule): SecurityPolicyV2Rules => ({
          name: rule.name,
          resourceType: 'server_based_resource',
          resourceSelector: {
            serverBasedResource: {
              selectors: [
                {
                  serverLabel: {
                    serverSelector: { labels: { ...rule.serverLabels } },
                    accountSelectorType: rule.accounts?.length ? 'username' : 'none',
                    accountSelector: rule.accounts?.length ? { usernames: [...rule.accounts] } : {},
                  },
                },
              ],
            },
          },
          privileges: toPrivileges(rule.privileges, rule.adminLevel ?? false),
          conditions: ruleConditions(rule),
        }),
      ),
    });
    this.policyId = this.resource.id;
  }
}
