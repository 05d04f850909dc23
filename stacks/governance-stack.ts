import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { OktaProvider } from '../.gen/providers/okta-oig/provider';
import { ImportedRequestSequence, ImportedRequestSettings } from '../constructs/governance-imports';
import { RequestConditionChain } from '../constructs/request-condition-chain';
import type { BirthrightGroup } from '../constructs/birthright-group';
import { resolveApprovalSequences } from '../config/oig-lookups';
import { BaseStack, type BaseStackProps } from './base-stack';
import type { IdentityStack } from './identity-stack';

export interface GovernanceStackProps extends BaseStackProps {
  /** Groups and the Okta Privileged Access app come from here, by cross-stack reference. */
  readonly identity: IdentityStack;
  /**
   * Approval sequence id per condition key.
   * @default - resolved from `config/environments/<env>.lookups.json` (written by `npm run governance:discover`)
   */
  readonly approvalSequenceIds?: Readonly<Record<string, string>>;
}

/**
 * Self-service access to servers through Okta Identity Governance, on okta/okta 6.12.0 (generated bindings).
 *
 * The requestable resource is the Okta Privileged Access app (found by label in the identity stack); each request
 * condition grants some of its server-access groups to department / role groups, time-bound, approved by a
 * sequence looked up by name. Approval sequences and the app's request settings exist outside Terraform and
 * are brought in with import blocks.
 */
export class GovernanceStack extends BaseStack {
  public readonly conditions: RequestConditionChain;
  public readonly requestSettings: ImportedRequestSettings;
  public readonly approvalSequences: Readonly<Record<string, ImportedRequestSequence>>;

  constructor(scope: Construct, props: GovernanceStackProps) {
    super(scope, 'governance', props);
    const { config, identity } = props;
    const governance = config.governance;
    if (!governance) {
      throw new Error(`environment "${config.name}" has no governance section; declare one or do not create the governance stack`);
    }
    const sequenceIds = props.approvalSequenceIds ?? resolveApprovalSequences(config);
    new OktaProvider(this, 'okta', { orgName: config.okta.orgName, baseUrl: config.okta.baseUrl });
    const appId = identity.privilegedAccessApp.id;

    const sequences: Record<string, ImportedRequestSequence> = {};
    for (const condition of governance.conditions) {
      const sequenceId = sequenceIds[condition.key];
      if (sequenceId === undefined) {
        throw new Error(`governance condition "${condition.key}" has no approval sequence id; run npm run governance:discover -- --env ${config.name}`);
      }
      sequences[sequenceId] ??= new ImportedRequestSequence(this, `ApprovalSequence-${sequenceId}`, { resourceId: appId, sequenceId });
    }
    this.approvalSequences = sequences;

    this.requestSettings = new ImportedRequestSettings(this, 'PrivilegedAccessRequestSettings', {
      resourceId: appId,
      requestOnBehalfOf: governance.requestOnBehalfOf,
    });

    const groupIds = (groups: Record<string, BirthrightGroup>, keys: readonly string[]) => keys.map((key) => (groups[key] as BirthrightGroup).groupId);
    this.conditions = new RequestConditionChain(this, 'RequestConditions', {
      resourceId: appId,
      conditions: governance.conditions.map((condition) => ({
        key: condition.key,
        name: `${config.identity.groupPrefix}-${condition.key}`,
        description: condition.description,
        accessScopeGroupIds: groupIds(identity.serverAccessGroups, condition.accessScope),
        requesterGroupIds: [
          ...groupIds(identity.departmentGroups, condition.requesters.departments),
          ...groupIds(identity.roleGroups, condition.requesters.roles),
        ],
        accessDuration: condition.accessDuration,
        durationChosenBy: condition.durationChosenBy,
        approvalSequenceId: (sequences[sequenceIds[condition.key] as string] as ImportedRequestSequence).sequenceId,
      })),
    });

    new TerraformOutput(this, 'request_condition_ids', {
      staticId: true,
      value: Object.fromEntries(Object.entries(this.conditions.conditions).map(([key, condition]) => [key, condition.id])),
      description: 'Okta request condition id of each governance condition, by key (priority follows config order).',
    });
  }
}
