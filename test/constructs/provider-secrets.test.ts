import { Aspects, DefaultTokenResolver, StringConcat, Testing, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
import { OktapamProvider } from '../../.gen/providers/oktapam/provider';
import { DataOktapamGatewaySetupToken } from '../../.gen/providers/oktapam/data-oktapam-gateway-setup-token';
import { GatewaySetupToken } from '../../.gen/providers/oktapam/gateway-setup-token';
import { ServerEnrollmentToken } from '../../.gen/providers/oktapam/server-enrollment-token';
import { SECRET_ATTRIBUTES, SecretOutputsAreSensitive, secretAttribute } from '../../constructs/provider-secrets';
import { stackJsonOf } from '../helpers/synth';

function stackWithTokens() {
  const stack = new TerraformStack(Testing.app(), 'secrets');
  new OktapamProvider(stack, 'oktapam');
  const enrollment = new ServerEnrollmentToken(stack, 'enrollment', { projectName: 'servers', description: 'enroll' });
  const gateway = new GatewaySetupToken(stack, 'gateway', { description: 'gateway', labels: { env: 'example' } });
  Aspects.of(stack).add(new SecretOutputsAreSensitive());
  return { stack, enrollment, gateway };
}

/** Error annotations left on any construct of `stack` after a synth that runs its aspects. */
function errorsOf(stack: TerraformStack): string[] {
  stackJsonOf(stack, { validations: true });
  return stack.node.findAll().flatMap((node) => node.node.metadata.filter((entry) => entry.type === '@cdktf/error').map((entry) => String(entry.data)));
}

describe('provider secrets', () => {
  test('the enrollment and gateway setup tokens are listed secrets', () => {
    expect(SECRET_ATTRIBUTES).toEqual(
      new Set([
        'oktapam_ad_connection.service_account_password',
        'oktapam_gateway_setup_token.token',
        'oktapam_resource_group_server_enrollment_token.token',
        'oktapam_server_enrollment_token.token',
        'data.oktapam_gateway_setup_token.token',
      ]),
    );
  });

  test('secretAttribute wraps a token in Terraform sensitive()', () => {
    const { stack, enrollment, gateway } = stackWithTokens();
    new TerraformOutput(stack, 'enrollment_token', { value: secretAttribute(enrollment, 'token'), sensitive: true, staticId: true });
    new TerraformOutput(stack, 'gateway_token', { value: secretAttribute(gateway, 'token'), sensitive: true, staticId: true });
    const json = stackJsonOf(stack);
    expect(json.output.enrollment_token).toEqual({ value: '${sensitive(oktapam_server_enrollment_token.enrollment.token)}', sensitive: true });
    expect(json.output.gateway_token).toEqual({ value: '${sensitive(oktapam_gateway_setup_token.gateway.token)}', sensitive: true });
  });

  test('secretAttribute covers data sources', () => {
    const { stack } = stackWithTokens();
    const existing = new DataOktapamGatewaySetupToken(stack, 'existing', { id: 'token-id' });
    const resolver = new DefaultTokenResolver(new StringConcat());
    expect(Tokenization.resolve(secretAttribute(existing, 'token'), { scope: stack, resolver })).toBe(
      '${sensitive(data.oktapam_gateway_setup_token.existing.token)}',
    );
  });

  test('fails naming the list when the attribute is not a listed secret', () => {
    const { enrollment } = stackWithTokens();
    expect(() => secretAttribute(enrollment, 'description')).toThrow(
      /oktapam_server_enrollment_token\.description is not a listed secret attribute: add it to `sensitive` in schemas\/providers\.ts/,
    );
  });

  test('fails synth when an output exposes a token without sensitive: true', () => {
    const { stack, enrollment } = stackWithTokens();
    new TerraformOutput(stack, 'leaky', { value: enrollment.token, staticId: true });
    new TerraformOutput(stack, 'fine', { value: enrollment.description, staticId: true });
    expect(errorsOf(stack)).toEqual(['output "leaky" exposes the secret oktapam_server_enrollment_token.token but is not sensitive: set `sensitive: true`']);
  });

  test('accepts a sensitive output of the raw token', () => {
    const { stack, gateway } = stackWithTokens();
    new TerraformOutput(stack, 'gateway_token', { value: gateway.token, sensitive: true, staticId: true });
    expect(errorsOf(stack)).toEqual([]);
  });
});
