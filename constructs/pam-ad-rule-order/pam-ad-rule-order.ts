import { Construct } from 'constructs';
import { Operation } from '../../.gen/providers/restful/operation';
import type { OpaRestApi } from '../opa-rest-api';
import type { PamAdAccountRule } from '../pam-ad-account-rule';

export interface PamAdRuleOrderProps {
  readonly api: OpaRestApi;
  readonly connectionId: string;
  /** In priority order: the first gets priority 1 (OPA: a lower number wins). */
  readonly rules: readonly PamAdAccountRule[];
}

/**
 * The priority of the account rules, set in one POST `…/rules/reorder` with the JSON array
 * `[{ rule_id, priority }]`. A `restful_operation`: it runs again whenever the list changes (a rule added, removed,
 * moved or replaced); there is nothing to undo on destroy, and a reorder made in the OPA console is not seen as
 * drift (the operation has no read), so the next change to the list puts the config order back.
 */
export class PamAdRuleOrder extends Construct {
  public readonly resource: Operation;

  constructor(scope: Construct, id: string, props: PamAdRuleOrderProps) {
    super(scope, id);
    if (props.rules.length === 0) throw new Error('PamAdRuleOrder: give at least one rule');
    this.resource = new Operation(this, 'Resource', {
      provider: props.api.provider,
      path: `${props.api.teamPath}/resource_assignment/active_directory/${props.connectionId}/rules/reorder`,
      method: 'POST',
      dependsOn: props.rules.map((rule) => rule.resource),
    });
    // The body is a JSON array; the binding's map type would turn it into an object with "0", "1" keys.
    this.resource.addOverride(
      'body',
      props.rules.map((rule, index) => ({ rule_id: rule.ruleId, priority: index + 1 })),
    );
  }
}
