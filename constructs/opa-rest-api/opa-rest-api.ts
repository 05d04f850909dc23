import { ref, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { RestfulProvider } from '../../.gen/providers/restful/provider';

export interface OpaRestApiProps {
  /** The OPA team: every path starts with `/v1/teams/<team>`. */
  readonly team: string;
  /** `https://<org>.pam.okta.com`. */
  readonly apiHost: string;
  /**
   * A token with less life left than this fails the run before any change, naming the fix, instead of a 401
   * half-way through an apply. @default 15m (Terraform duration syntax)
   */
  readonly minimumTokenLifetime?: string;
}

/**
 * A Terraform expression (written without `${}`) as a cdktf token, so it reaches Terraform as an expression: plain
 * strings are escaped to literal text on synth (stacks/terraform-literals.ts).
 */
export function tfExpression(expression: string): string {
  return Token.asString(ref(expression));
}

/** Terraform name of the ephemeral service-token exchange (one per stack). */
export const SERVICE_TOKEN_EPHEMERAL = 'opa_service_token';
/** Alias of the unauthenticated provider that only exchanges the key for a token. */
export const TOKEN_PROVIDER_ALIAS = 'opa_token';
/** Alias of the provider every OPA resource uses. */
export const API_PROVIDER_ALIAS = 'opa';

/**
 * The OPA API through magodo/restful with a service token that never lands in state or plan.
 *
 * Terraform (>= 1.10) opens the ephemeral `restful_resource` in every plan and apply: it POSTs the service user's
 * `key_id` / `key_secret` (ephemeral, sensitive variables `opa_key_id` / `opa_key_secret`) to
 * `/v1/teams/<team>/service_token` through an unauthenticated provider alias, and the authenticated alias sends
 * the returned `bearer_token` on every call. A 429 is retried with back-off; OPA sends `X-RateLimit-Retry-At`,
 * which restful does not read, so the wait is restful's own (5 s doubling, at most 2 minutes).
 *
 * Token expiry: OPA may end a token at any time and restful cannot hand a new one to a configured provider. So
 * each phase gets a fresh token, a token with less than `minimumTokenLifetime` left stops the run before it
 * changes anything, and a token that still dies mid-run fails with OPA's 401; re-running is safe because every
 * resource reads its state back first (docs/opa-ad-accounts.md).
 *
 * cdktf 0.21 has no ephemeral-resource classes, so the block is written as a stack override, here and nowhere else;
 * its expressions are cdktf tokens (`tfExpression`), so they reach Terraform as expressions, not as literal text.
 */
export class OpaRestApi extends Construct {
  /** The authenticated provider: pass it as `provider` of every OPA resource. */
  public readonly provider: RestfulProvider;
  /** `/v1/teams/<team>`. */
  public readonly teamPath: string;

  constructor(scope: Construct, id: string, props: OpaRestApiProps) {
    super(scope, id);
    this.teamPath = `/v1/teams/${encodeURIComponent(props.team)}`;
    const credential = (name: string, what: string) => {
      const variable = new TerraformVariable(this, name, { type: 'string', sensitive: true, nullable: false, description: `${what}; set TF_VAR_${name}.` });
      // Ephemeral (Terraform >= 1.10): the value is kept out of the saved plan as well as the state.
      variable.addOverride('ephemeral', true);
      variable.overrideLogicalId(name);
      return variable;
    };
    const keyId = credential('opa_key_id', 'Key id of the OPA service user that manages AD accounts (resource_admin)');
    const keySecret = credential('opa_key_secret', 'Key secret of the OPA service user that manages AD accounts');

    new RestfulProvider(this, 'TokenProvider', { alias: TOKEN_PROVIDER_ALIAS, baseUrl: props.apiHost });
    const lifetime = props.minimumTokenLifetime ?? '15m';
    TerraformStack.of(this).addOverride(`ephemeral.restful_resource.${SERVICE_TOKEN_EPHEMERAL}`, {
      provider: `restful.${TOKEN_PROVIDER_ALIAS}`,
      method: 'POST',
      path: `${this.teamPath}/service_token`,
      body: { key_id: keyId.stringValue, key_secret: keySecret.stringValue },
      use_sensitive_output: true,
      lifecycle: {
        postcondition: [
          {
            condition: tfExpression(`timecmp(self.sensitive_output.expires_at, timeadd(timestamp(), ${JSON.stringify(lifetime)})) >= 0`),
            error_message: `The OPA service token for team ${props.team} expires in less than ${lifetime}; an apply could fail half-way with 401. Re-run in a moment (each plan and apply issues a new token).`,
          },
          {
            condition: tfExpression(`lower(self.sensitive_output.team_name) == ${JSON.stringify(props.team.toLowerCase())}`),
            error_message: `OPA issued the service token for another team than ${props.team}: check privilegedAccess.team and the key in TF_VAR_opa_key_id.`,
          },
        ],
      },
    });

    this.provider = new RestfulProvider(this, 'Provider', {
      alias: API_PROVIDER_ALIAS,
      baseUrl: props.apiHost,
      security: { http: { token: { token: tfExpression(`ephemeral.restful_resource.${SERVICE_TOKEN_EPHEMERAL}.sensitive_output.bearer_token`) } } },
      client: { retry: { statusCodes: [429], count: 5, waitInSec: 5, maxWaitInSec: 120 } },
    });
  }
}
