import { Construct } from 'constructs';
import { Acl } from '../../.gen/providers/servicenow/acl';
import { Role } from '../../.gen/providers/servicenow/role';

/** The operations an ACL this project declares may grant. */
export type AclOperation = 'read' | 'write';

export interface IntegrationRoleProps {
  /** Suffix (in the global scope, the full name) of the role. */
  readonly suffix: string;
  /**
   * Declare the ACLs that grant exactly what the bridge's write-back needs. Needs a deploying user holding
   * security_admin without elevation, which the provider cannot request (docs/reference/servicenow-provider.md §P.3).
   * @default true
   */
  readonly manageAcls?: boolean;
}

/**
 * What the bridge's write-back may do in ServiceNow, and nothing else: `PATCH /api/now/table/sc_req_item/{sys_id}`
 * with `work_notes` and `state`, reading back `sys_id,number,state` (bridge/src/adapters/servicenow).
 */
export const WRITE_BACK_ACLS: readonly { readonly name: string; readonly operation: AclOperation }[] = [
  { name: 'sc_req_item', operation: 'read' },
  { name: 'sc_req_item.number', operation: 'read' },
  { name: 'sc_req_item.state', operation: 'read' },
  { name: 'sc_req_item', operation: 'write' },
  { name: 'sc_req_item.work_notes', operation: 'write' },
  { name: 'sc_req_item.state', operation: 'write' },
];

/**
 * The role of the bridge's integration user, with the row and field ACLs of its Table API write-back.
 *
 * The user itself and its credentials are the bridge's concern (its ServiceNow credentials secret); an
 * administrator grants this role to that user, so the integration never needs `itil` or `admin`.
 */
export class IntegrationRole extends Construct {
  public readonly resource: Role;
  public readonly acls: readonly Acl[];

  constructor(scope: Construct, id: string, props: IntegrationRoleProps) {
    super(scope, id);
    this.resource = new Role(this, 'Resource', {
      suffix: props.suffix,
      description: 'JML bridge integration user: reads requested items and writes their work notes and state back (Table API). Managed by Terraform.',
      elevatedPrivilege: false,
    });
    this.acls =
      props.manageAcls === false
        ? []
        : WRITE_BACK_ACLS.map(
            (acl) =>
              new Acl(this, `Acl-${acl.operation}-${acl.name.replace('.', '-')}`, {
                name: acl.name,
                operation: acl.operation,
                type: 'record',
                roles: this.resource.id,
                description: `JML bridge write-back: ${acl.operation} ${acl.name} for ${props.suffix}. Managed by Terraform.`,
                active: true,
                adminOverrides: true,
              }),
          );
  }
}
