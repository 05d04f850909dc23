import { Construct } from 'constructs';
import { RestMessage } from '../../.gen/providers/servicenow/rest-message';
import { RestMethod } from '../../.gen/providers/servicenow/rest-method';
import { RestMethodHeader } from '../../.gen/providers/servicenow/rest-method-header';

export interface BridgeRestMessageProps {
  /** Name of the REST message, as `sn_ws.RESTMessageV2(name, method)` looks it up. */
  readonly name: string;
  /** Name of its POST method. */
  readonly methodName: string;
  /** The bridge's intake URL: the bridge stack's output, by cross-stack reference. */
  readonly intakeUrl: string;
}

/**
 * The outbound REST message and POST method the signing script sends JML requests through, with the JSON
 * content-type the bridge requires (it answers 415 otherwise).
 *
 * No authentication is configured on purpose: the provider forces `no_authentication` on messages and
 * `inherit_from_parent` on methods (docs/reference/servicenow-provider.md §P.3), and the bridge authenticates each delivery by its Standard
 * Webhooks signature, which the script adds per request.
 */
export class BridgeRestMessage extends Construct {
  public readonly resource: RestMessage;
  public readonly method: RestMethod;
  public readonly headers: readonly RestMethodHeader[];

  constructor(scope: Construct, id: string, props: BridgeRestMessageProps) {
    super(scope, id);
    this.resource = new RestMessage(this, 'Resource', {
      name: props.name,
      description: 'JML bridge intake (POST /v1/jml). Managed by Terraform: the endpoint follows the bridge stack.',
      restEndpoint: props.intakeUrl,
      access: 'package_private',
    });
    this.method = new RestMethod(this, 'Post', {
      name: props.methodName,
      httpMethod: 'post',
      restEndpoint: props.intakeUrl,
      restMessageId: this.resource.id,
    });
    const header = (headerId: string, name: string, value: string) => new RestMethodHeader(this, headerId, { name, value, restMethodId: this.method.id });
    this.headers = [header('ContentType', 'Content-Type', 'application/json'), header('Accept', 'Accept', 'application/json')];
  }
}
