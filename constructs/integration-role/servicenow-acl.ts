import { TerraformResource, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';

/** The operations an ACL this project declares may grant. */
export type AclOperation = 'read' | 'write';

export interface ServicenowAclConfig {
  /** `table` or `table.field`. */
  readonly name: string;
  readonly operation: AclOperation;
  /** sys_ids of the roles the rule grants access to. */
  readonly roleIds: readonly string[];
  readonly description: string;
  readonly provider?: TerraformProvider;
}

/**
 * `servicenow_acl` of tylerhatton/servicenow 0.11.0, written by hand with the generated classes' metadata.
 *
 * The type exists in the provider (reference servicenow-provider.md §9: `sys_security_acl`, attributes `name`,
 * `operation`, `type`, `roles` as comma-separated role sys_ids, `active`, `admin_overrides`), but the trimmed
 * schema snapshot the bindings are generated from (scripts/bindings/providers.ts) does not list it. Once it is
 * added there, replace this class with the generated `Acl`; the synthesized JSON stays the same.
 */
export class ServicenowAcl extends TerraformResource {
  public static readonly tfResourceType = 'servicenow_acl';
  private readonly config: ServicenowAclConfig;

  constructor(scope: Construct, id: string, config: ServicenowAclConfig) {
    super(scope, id, {
      terraformResourceType: ServicenowAcl.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'servicenow', providerVersion: '0.11.0', providerVersionConstraint: '0.11.0' },
      provider: config.provider,
    });
    this.config = config;
  }

  /** The ACL's sys_id. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      name: this.config.name,
      operation: this.config.operation,
      type: 'record',
      roles: this.config.roleIds.join(','),
      description: this.config.description,
      active: true,
      admin_overrides: true,
    };
  }
}
