import {
  Annotations,
  DefaultTokenResolver,
  Fn,
  type IAspect,
  StringConcat,
  TerraformDataSource,
  TerraformOutput,
  TerraformResource,
  Tokenization,
} from 'cdktf';
import type { IConstruct } from 'constructs';
import { GENERATED_PROVIDERS } from '../../schemas/providers';

/**
 * `<type>.<attribute>` (resources) and `data.<type>.<attribute>` (data sources) of every attribute that carries a
 * secret although its provider does not mark it sensitive. The list lives in schemas/providers.ts, beside
 * the trim list, so the snapshots and this check never disagree.
 */
export const SECRET_ATTRIBUTES: ReadonlySet<string> = new Set(
  GENERATED_PROVIDERS.flatMap((provider) =>
    provider.sensitive.filter((secret) => secret.block !== 'provider').map((secret) => `${secret.block}.${secret.attribute}`),
  ),
);

function addressOf(element: TerraformResource | TerraformDataSource, attribute: string): string {
  const prefix = element instanceof TerraformDataSource ? 'data.' : '';
  return `${prefix}${element.terraformResourceType}.${attribute}`;
}

/**
 * A secret attribute of a generated-provider resource, wrapped in Terraform's `sensitive()`.
 *
 * Terraform only knows what the real provider schema says, and okta/oktapam does not mark its tokens sensitive:
 * without the wrapper, a plan that passes the token on (to a secret store, an output) prints it. With it, Terraform
 * redacts the value and refuses an output that is not `sensitive: true`.
 */
export function secretAttribute(element: TerraformResource | TerraformDataSource, attribute: string): string {
  const address = addressOf(element, attribute);
  if (!SECRET_ATTRIBUTES.has(address)) {
    throw new Error(`${address} is not a listed secret attribute: add it to \`sensitive\` in schemas/providers.ts, or read it directly if it is not a secret`);
  }
  return Fn.sensitive(element.getStringAttribute(attribute));
}

/**
 * Fails synth when a Terraform output exposes a listed secret attribute without `sensitive: true`.
 *
 * Outputs are printed by `terraform apply` and `cdktf deploy` and stored in plain text in CI logs; Terraform cannot
 * catch this itself for attributes the provider leaves unmarked.
 */
export class SecretOutputsAreSensitive implements IAspect {
  public visit(node: IConstruct): void {
    if (!(node instanceof TerraformOutput) || node.sensitive === true) return;
    const resolver = new DefaultTokenResolver(new StringConcat());
    const value = JSON.stringify(Tokenization.resolve(node.value, { scope: node, resolver, preparing: true }));
    for (const address of SECRET_ATTRIBUTES) {
      const [data, type, attribute] = address.startsWith('data.') ? address.split('.') : ['', ...address.split('.')];
      const reference = new RegExp(`${data ? 'data\\.' : '(?<!data\\.)'}${type}\\.[A-Za-z0-9_-]+\\.${attribute}\\b`);
      if (reference.test(value)) {
        Annotations.of(node).addError(`output "${node.friendlyUniqueId}" exposes the secret ${address} but is not sensitive: set \`sensitive: true\``);
      }
    }
  }
}
