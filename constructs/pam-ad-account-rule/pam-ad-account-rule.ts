import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Resource } from '../../.gen/providers/restful/resource';
import type { OpaRestApi } from '../opa-rest-api';

/** One condition on the accounts of an OU. */
export interface AdAccountFilter {
  readonly field: 'account-name' | 'okta-group-name';
  readonly operator: 'starts-with' | 'ends-with' | 'contains' | 'equals';
  readonly value: string;
}

export interface AdAccountOu {
  readonly dn: string;
  /** All must hold. @default - every account of the OU */
  readonly filters?: readonly AdAccountFilter[];
}

export interface PamAdAccountRuleProps {
  readonly api: OpaRestApi;
  /** UUID of the AD connection (from OpaAdConnectionLookup). */
  readonly connectionId: string;
  readonly name: string;
  readonly type: 'individual' | 'shared';
  readonly organizationalUnits: readonly AdAccountOu[];
  readonly resourceGroupId: string;
  readonly projectId: string;
  /** @default false: accounts in these OUs stop being active Okta users (admin accounts are not people) */
  readonly importOktaUsers?: boolean;
  /** E.g. the rule settings, which OPA needs before individual rules. @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

const OPERATORS = { 'starts-with': 'STARTS_WITH', 'ends-with': 'ENDS_WITH', contains: 'CONTAINS', equals: 'EQUALS' } as const;
const FIELDS = { 'account-name': 'account_name', 'okta-group-name': 'okta_group_name' } as const;

/** The `ActiveDirectoryAccountRuleRequest` body: `enhanced_filters` holds one list per OU, by index, and only if any OU filters. */
export function accountRuleBody(props: Omit<PamAdAccountRuleProps, 'api' | 'connectionId' | 'dependsOn'>): Record<string, unknown> {
  const anyFilters = props.organizationalUnits.some((ou) => (ou.filters ?? []).length > 0);
  return {
    name: props.name,
    rule_type: props.type === 'individual' ? 'INDIVIDUAL' : 'SHARED',
    organizational_units: props.organizationalUnits.map((ou) => ou.dn),
    ...(anyFilters
      ? {
          enhanced_filters: props.organizationalUnits.map((ou) =>
            (ou.filters ?? []).map((f) => ({ field: FIELDS[f.field], operator: OPERATORS[f.operator], value: f.value })),
          ),
        }
      : {}),
    enable_initial_password_rotation: true,
    enable_import_okta_users: props.importOktaUsers ?? false,
    resource_group: { id: props.resourceGroupId },
    project: { id: props.projectId },
  };
}

/**
 * An OPA AD account rule: the accounts of its OUs (and filters) come under management in one resource group's
 * project. Created with POST `…/rules`, read and replaced at `…/rules/<id>` (PUT, full body), deleted with DELETE.
 * restful tracks only the keys of the body, so the `priority` and filled-in names OPA adds do not show as drift,
 * while a change made in the OPA console to a configured field does.
 *
 * Baked in, with no switch: the password is rotated when OPA takes the account over.
 */
export class PamAdAccountRule extends Construct {
  public readonly resource: Resource;
  /** The rule's UUID, from the create response. */
  public readonly ruleId: string;

  constructor(scope: Construct, id: string, props: PamAdAccountRuleProps) {
    super(scope, id);
    if (props.organizationalUnits.length === 0) throw new Error(`PamAdAccountRule "${props.name}": name at least one OU`);
    this.resource = new Resource(this, 'Resource', {
      provider: props.api.provider,
      path: `${props.api.teamPath}/resource_assignment/active_directory/${props.connectionId}/rules`,
      readPath: '$(path)/$(body.id)',
      createMethod: 'POST',
      updateMethod: 'PUT',
      deleteMethod: 'DELETE',
      body: accountRuleBody(props),
      dependsOn: props.dependsOn,
    });
    this.ruleId = this.resource.output.lookup('id') as string;
  }
}
