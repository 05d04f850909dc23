import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { DataServicenowRole } from '../.gen/providers/servicenow/data-servicenow-role';
import { ServicenowProvider } from '../.gen/providers/servicenow/provider';
import { Role } from '../.gen/providers/servicenow/role';
import type { EnvironmentConfig } from '../config/schema';
import type { ServiceNowConfig } from '../config/schema/servicenow';
import { BridgeRestMessage } from '../constructs/bridge-rest-message';
import { type CatalogChoice, JmlCatalogItem } from '../constructs/jml-catalog-item';
import { IntegrationRole } from '../constructs/integration-role';
import { JmlSigningScript, SCRIPT_NAMES } from '../constructs/jml-signing-script';
import { BaseStack, type BaseStackProps } from './base-stack';

export interface ServiceNowStackProps extends BaseStackProps {
  /** The bridge's intake URL (POST /v1/jml): the bridge stack's output, passed by cross-stack reference. */
  readonly intakeUrl: string;
}

/**
 * Department choices of the catalog item, from the same config as the Okta department groups: the value is the
 * department key, the text the exact `user.department` value the group rule matches (and the script sends).
 */
export function departmentChoices(config: EnvironmentConfig): CatalogChoice[] {
  return config.identity.departments.map((department) => ({ value: department.key, text: department.value }));
}

/**
 * Role choices: the roles matched on `title`, the only role attribute the bridge's request carries (`user.title`).
 * The config check refuses a ServiceNow section when no role is matched on `title`.
 */
export function roleChoices(config: EnvironmentConfig): CatalogChoice[] {
  return config.identity.roles.filter((role) => role.attribute === 'title').map((role) => ({ value: role.key, text: role.value }));
}

/**
 * The ServiceNow side of JML: the catalog item and its choices (generated from the same config as the Okta
 * groups), the REST message to the bridge's intake, the signing script include and its approval trigger, the
 * secret's encrypted property (no value), and the requester and integration roles.
 *
 * Provider credentials are not in the configuration: tylerhatton/servicenow reads SERVICENOW_USERNAME and
 * SERVICENOW_PASSWORD when `username`/`password` are absent (docs/reference/servicenow-provider.md §P.1).
 */
export class ServiceNowStack extends BaseStack {
  public readonly catalogItem: JmlCatalogItem;
  public readonly restMessage: BridgeRestMessage;
  public readonly signingScript: JmlSigningScript;
  public readonly requesterRole: Role;
  public readonly integrationRole: IntegrationRole;

  constructor(scope: Construct, props: ServiceNowStackProps) {
    super(scope, 'servicenow', props);
    const servicenow = requireSection(props.config);
    declareProvider(this, servicenow.instanceUrl);

    this.requesterRole = new Role(this, 'RequesterRole', {
      suffix: servicenow.requesters.roleSuffix,
      description: `May order "${servicenow.catalogItem.name}" (joiner, mover, leaver, rehire). Managed by Terraform.`,
      elevatedPrivilege: false,
    });
    const existingRoleIds = servicenow.requesters.existingRoles.map((suffix) => new DataServicenowRole(this, `ExistingRequesterRole-${suffix}`, { suffix }).id);

    this.catalogItem = new JmlCatalogItem(this, 'CatalogItem', {
      catalog: servicenow.catalog,
      category: {
        title: servicenow.category.title,
        description: servicenow.category.description ?? 'Joiners, movers, leavers and rehires, applied in Okta after approval.',
      },
      item: {
        name: servicenow.catalogItem.name,
        shortDescription: servicenow.catalogItem.shortDescription,
        description:
          servicenow.catalogItem.description ??
          'Once approved, the request is signed and sent to the JML bridge, which applies it in Okta and writes the outcome back to this request as work notes.',
      },
      departments: departmentChoices(props.config),
      roles: roleChoices(props.config),
      requesterRoleIds: [this.requesterRole.id, ...existingRoleIds],
    });

    this.restMessage = new BridgeRestMessage(this, 'BridgeRestMessage', {
      name: SCRIPT_NAMES.restMessage,
      methodName: SCRIPT_NAMES.restMethod,
      intakeUrl: props.intakeUrl,
    });
    this.signingScript = new JmlSigningScript(this, 'SigningScript', { catalogItemId: this.catalogItem.resource.id });
    this.integrationRole = new IntegrationRole(this, 'IntegrationRole', {
      suffix: servicenow.integration.roleSuffix,
      manageAcls: servicenow.integration.manageAcls,
    });

    this.declareOutputs();
  }

  private declareOutputs(): void {
    new TerraformOutput(this, 'catalog_item_id', {
      staticId: true,
      value: this.catalogItem.resource.id,
      description: 'sys_id of the user lifecycle catalog item.',
    });
    new TerraformOutput(this, 'signing_secret_property_name', {
      staticId: true,
      value: SCRIPT_NAMES.signingSecretProperty,
      description: 'System property to set (out of band) to the bridge webhook-signing-secret value.',
    });
    new TerraformOutput(this, 'integration_role_name', {
      staticId: true,
      value: this.integrationRole.resource.name,
      description: "Role to grant the bridge's ServiceNow integration user (Table API write-back).",
    });
    new TerraformOutput(this, 'requester_role_name', {
      staticId: true,
      value: this.requesterRole.name,
      description: 'Role to grant the people who may order the user lifecycle catalog item.',
    });
  }
}

function requireSection(config: EnvironmentConfig): ServiceNowConfig {
  if (!config.servicenow) {
    throw new Error(`servicenow stack of "${config.name}" needs a servicenow section in the environment file; add it, or do not declare the stack`);
  }
  return config.servicenow;
}

/**
 * The provider with the instance URL only. The generated binding types `username` and `password` as required
 * because the schema snapshot was dumped without SERVICENOW_* set (docs/reference/servicenow-provider.md §P.1, SDKv2 EnvDefaultFunc); they are
 * left out of the configuration so that the provider takes them from SERVICENOW_USERNAME / SERVICENOW_PASSWORD
 * and no credential ever reaches the synthesized JSON or the plan.
 */
function declareProvider(scope: Construct, instanceUrl: string): ServicenowProvider {
  const provider = new ServicenowProvider(scope, 'servicenow', { instanceUrl, username: '', password: '' });
  provider.username = undefined;
  provider.password = undefined;
  return provider;
}
