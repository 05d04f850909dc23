import { Construct } from 'constructs';
import { DataRestfulResource } from '../../.gen/providers/restful/data-restful-resource';
import { tfExpression, type OpaRestApi } from './opa-rest-api';

export interface OpaAdConnectionLookupProps {
  readonly api: OpaRestApi;
  /** Domain of the AD connection, e.g. `corp.example.com`. */
  readonly domain: string;
}

/**
 * Finds the AD connection that account rules hang off, by domain. It is the connection the Okta AD agent created
 * (`/connections/active_directory`), not the gateway's `oktapam_ad_connection`, so it is looked up, never typed.
 */
export class OpaAdConnectionLookup extends Construct {
  public readonly resource: DataRestfulResource;
  /** The connection's UUID (`ad_connection_id`). */
  public readonly connectionId: string;

  constructor(scope: Construct, id: string, props: OpaAdConnectionLookupProps) {
    super(scope, id);
    if (!/^[a-z0-9.-]+$/.test(props.domain)) {
      throw new Error(`OpaAdConnectionLookup: domain "${props.domain}" must be a lowercase DNS name (it is placed inside a gjson query)`);
    }
    this.resource = new DataRestfulResource(this, 'Resource', {
      provider: props.api.provider,
      id: `${props.api.teamPath}/connections/active_directory`,
      selector: `list.#(domain=="${props.domain}")`,
    });
    this.resource.addOverride('lifecycle.postcondition', [
      {
        condition: tfExpression('try(self.output.id, null) != null'),
        error_message: `OPA has no Active Directory connection for ${props.domain}: install the Okta AD agent and turn on AD account management for the domain (README, OPA AD accounts), or fix privilegedAccess.adAccounts.domain.`,
      },
      {
        condition: tfExpression('try(self.output.status, "") == "connected"'),
        error_message: `The OPA Active Directory connection for ${props.domain} is not connected: OPA accepts no account rules on it until it is.`,
      },
    ]);
    this.connectionId = this.resource.output.lookup('id') as string;
  }
}
