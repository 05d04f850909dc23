import { Group } from '@cdktf/provider-okta/lib/group';
import { GroupRule } from '@cdktf/provider-okta/lib/group-rule';
import { Construct } from 'constructs';
import { profileEquals } from '../okta-expression';

export interface BirthrightGroupProps {
  /** Deterministic group name (see `config/naming.ts`); also the rule name. */
  readonly name: string;
  readonly description: string;
  /**
   * Keep membership equal to "users whose profile attribute has this value". A mover whose attribute changes
   * leaves the group and joins the new one without anyone touching memberships.
   * @default - no rule: membership is granted by access requests or by the bridge
   */
  readonly membershipRule?: { readonly attribute: string; readonly value: string };
}

/**
 * An Okta group, optionally with the group rule that keeps its birthright membership in step with the profile.
 *
 * An ACTIVE rule adds users who match and removes those who stop matching; `remove_assigned_users` also takes
 * its members out if the rule is ever deleted. Terraform never declares memberships: they belong to the rule and
 * the bridge.
 */
export class BirthrightGroup extends Construct {
  public readonly resource: Group;
  public readonly rule?: GroupRule;
  /** The Okta group id (a token until apply). */
  public readonly groupId: string;
  public readonly groupName: string;

  constructor(scope: Construct, id: string, props: BirthrightGroupProps) {
    super(scope, id);
    this.groupName = props.name;
    this.resource = new Group(this, 'Resource', { name: props.name, description: props.description });
    this.groupId = this.resource.id;
    if (props.membershipRule) {
      this.rule = new GroupRule(this, 'Rule', {
        name: props.name,
        status: 'ACTIVE',
        expressionType: 'urn:okta:expression:1.0',
        expressionValue: profileEquals(props.membershipRule.attribute, props.membershipRule.value),
        groupAssignments: [this.groupId],
        removeAssignedUsers: true,
      });
    }
  }
}
