import { Construct } from 'constructs';
import { BusinessRule } from '../../.gen/providers/servicenow/business-rule';
import { ScriptInclude } from '../../.gen/providers/servicenow/script-include';
import { SystemProperty } from '../../.gen/providers/servicenow/system-property';
import { SCRIPT_NAMES } from './names';
import { loadScriptSource } from './script-source';

export interface JmlSigningScriptProps {
  /** sys_id of the catalog item whose approved requests are sent; the trigger fires for this item only. */
  readonly catalogItemId: string;
  /**
   * Roles that may read or change the signing secret property.
   * @default admin
   */
  readonly secretAdminRoles?: readonly string[];
}

/**
 * The signing half of the ServiceNow side: the encrypted system property for the Standard Webhooks secret
 * (declared without a value), the `JmlBridgeClient` script include, and the async business rule that calls it
 * once a request item of the JML catalog item is approved.
 *
 * The provider has no `value` attribute on system properties, so the secret can never reach Terraform state; it
 * is set in the instance out of band (README). Flow Designer is not used: the provider's `servicenow_flow` is a
 * metadata shell without triggers or steps (docs/reference/servicenow-provider.md §P.3).
 */
export class JmlSigningScript extends Construct {
  public readonly signingSecret: SystemProperty;
  public readonly scriptInclude: ScriptInclude;
  public readonly trigger: BusinessRule;

  constructor(scope: Construct, id: string, props: JmlSigningScriptProps) {
    super(scope, id);
    const adminRoles = (props.secretAdminRoles ?? ['admin']).join(',');
    this.signingSecret = new SystemProperty(this, 'SigningSecret', {
      suffix: SCRIPT_NAMES.signingSecretProperty,
      // password2: stored two-way encrypted; gs.getProperty returns the clear value to server scripts.
      type: 'password2',
      description:
        'Standard Webhooks secret (whsec_<base64>) the JmlBridgeClient script include signs JML requests with. Two, space-separated, during a rotation. Set out of band; must equal the bridge webhook-signing-secret.',
      readRoles: adminRoles,
      writeRoles: adminRoles,
      // Private: never carried to another instance by an update set, so each environment keeps its own secret.
      isPrivate: true,
    });
    this.scriptInclude = new ScriptInclude(this, 'Resource', {
      name: SCRIPT_NAMES.scriptInclude,
      description:
        'Builds, signs (Standard Webhooks, HMAC-SHA256) and sends approved JML request items to the bridge; records the correlation id or the error on the item. Managed by Terraform (servicenow/scripts/JmlBridgeClient.js).',
      script: loadScriptSource('JmlBridgeClient.js'),
      access: 'package_private',
      clientCallable: false,
      active: true,
    });
    this.trigger = new BusinessRule(this, 'OnApproval', {
      name: 'JML bridge: send approved request',
      description:
        'Sends the request item to the JML bridge when its approval changes to approved. Managed by Terraform (servicenow/scripts/jml-bridge-on-approval.js).',
      table: 'sc_req_item',
      when: 'async',
      actionUpdate: true,
      // Encoded query: approval changes to "approved", on this catalog item only.
      filterCondition: `approvalCHANGESTOapproved^cat_item=${props.catalogItemId}^EQ`,
      advanced: true,
      script: loadScriptSource('jml-bridge-on-approval.js'),
      order: 100,
      active: true,
      // The rule calls the script include: create it first, so an early approval never finds it missing.
      dependsOn: [this.scriptInclude],
    });
  }
}
