import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { DataOktapamGateways } from '../../.gen/providers/oktapam/data-oktapam-gateways';
import { GatewaySetupToken } from '../../.gen/providers/oktapam/gateway-setup-token';

export interface PamGatewayProps {
  /** Exact name of the enrolled gateway. */
  readonly name: string;
  /** Labels the setup token gives the gateway it enrolls; projects select their gateway by them. */
  readonly labels: Readonly<Record<string, string>>;
  readonly tokenDescription: string;
}

/**
 * The Linux gateway that forwards and records server sessions: the setup token that enrolls it, and its id,
 * found by exact name among the team's gateways (never a typed id).
 *
 * The token's `description` and `labels` are ForceNew in the provider: changing them issues a new token, which
 * does not unenroll a gateway already running. The token value is a secret (sensitive in the schema snapshot).
 */
export class PamGateway extends Construct {
  public readonly setupToken: GatewaySetupToken;
  public readonly lookup: DataOktapamGateways;
  /** The gateway id; null in Terraform until the gateway is enrolled (see `exactlyOneCondition`). */
  public readonly gatewayId: string;
  /** A Terraform condition that holds when exactly one gateway has the name, for preconditions of its users. */
  public readonly exactlyOneCondition: string;
  public readonly gatewayName: string;
  /** `key=value` pairs joined by commas: the form of `oktapam_resource_group_project.gateway_selector`. */
  public readonly selector: string;

  constructor(scope: Construct, id: string, props: PamGatewayProps) {
    super(scope, id);
    this.gatewayName = props.name;
    this.setupToken = new GatewaySetupToken(this, 'SetupToken', {
      description: props.tokenDescription,
      labels: { ...props.labels },
    });
    // `contains` narrows the list on the server; the exact match below keeps "gw-1" from matching "gw-10".
    this.lookup = new DataOktapamGateways(this, 'Lookup', { contains: props.name });
    const matches = `[for gateway in ${this.lookup.fqn}.gateways : gateway.id if gateway.name == ${JSON.stringify(props.name)}]`;
    // Expressions as lazy tokens: cdktf's Fn helpers do not accept a `${...}` for-expression as an argument, and a
    // plain string would be escaped to literal text on synth (stacks/terraform-literals.ts).
    this.gatewayId = Lazy.stringValue({ produce: () => `\${one(${matches})}` });
    this.exactlyOneCondition = Lazy.stringValue({ produce: () => `\${length(${matches}) == 1}` });
    this.selector = gatewaySelector(props.labels);
  }
}

/**
 * The gateway selector of a project: every label as `key=value`, comma separated, sorted so the plan is stable.
 * The provider documents "labels matching all selectors"; the comma-separated form is our reading of the OPA UI.
 */
export function gatewaySelector(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}
