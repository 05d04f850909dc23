import { Op } from 'cdktf';
import { Construct } from 'constructs';
import { DataOktapamGroup } from '../../.gen/providers/oktapam/data-oktapam-group';

export interface OpaGroupProps {
  /**
   * Name of the group in OPA: the name of the Okta group assigned to the Okta Privileged Access app, which OPA
   * keeps when Okta pushes the group. Pass the identity stack's group name (`BirthrightGroup.groupName`).
   */
  readonly name: string;
  /**
   * The Okta group's `name` attribute, normally a cross-stack reference to the identity stack. The lookup carries a
   * precondition that it equals `name`, so Terraform reads the OPA group only after the identity stack has applied
   * and fails the plan, naming both, if the two ever differ.
   * @default - no cross-check
   */
  readonly oktaGroupName?: string;
}

/**
 * An OPA group found by name: an Okta group that reaches OPA through its assignment to the Privileged Access app.
 *
 * OPA creates the group when Okta pushes it; this project never creates OPA groups itself, so the data source is
 * the only place its OPA id comes from. The name stays a literal in the synthesized lookup so the least-privilege
 * guardrail (LP-PAM1) can tell that a policy principal is a requestable server-access group.
 */
export class OpaGroup extends Construct {
  public readonly lookup: DataOktapamGroup;
  /** The OPA group id (a token until plan). */
  public readonly groupId: string;
  public readonly groupName: string;

  constructor(scope: Construct, id: string, props: OpaGroupProps) {
    super(scope, id);
    this.groupName = props.name;
    this.lookup = new DataOktapamGroup(this, 'Lookup', {
      name: props.name,
      lifecycle:
        props.oktaGroupName === undefined
          ? undefined
          : {
              precondition: [
                {
                  condition: Op.eq(props.oktaGroupName, props.name),
                  errorMessage: `The OPA group is looked up as "${props.name}" but the Okta group assigned to the Privileged Access app has another name; redeploy the identity stack, then this one.`,
                },
              ],
            },
    });
    this.groupId = this.lookup.id;
  }
}
