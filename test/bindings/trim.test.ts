import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_PROVIDERS, generatedProvider } from '../../schemas/providers';
import { type ProvidersSchemaJson, serializeSchema, trimSchema } from '../../scripts/bindings/trim';

const SCHEMAS = path.resolve(__dirname, '..', '..', 'schemas');
const snapshot = (file: string): ProvidersSchemaJson => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8'));

describe('trimSchema', () => {
  test.each(GENERATED_PROVIDERS.map((provider) => [provider.key, provider] as const))(
    "the committed %s snapshot holds exactly the listed types, in Terraform's format",
    (_key, provider) => {
      const json = snapshot(provider.snapshot);
      expect(json.format_version).toBe('1.0');
      expect(Object.keys(json.provider_schemas)).toEqual([provider.fqpn]);
      const entry = json.provider_schemas[provider.fqpn]!;
      expect(Object.keys(entry.resource_schemas ?? {})).toEqual([...provider.resources].sort());
      expect(Object.keys(entry.data_source_schemas ?? {})).toEqual([...provider.dataSources].sort());
      expect(serializeSchema(trimSchema(json, provider))).toBe(readFileSync(path.join(SCHEMAS, provider.snapshot), 'utf8'));
    },
  );

  test.each([
    ['oktapam_server_enrollment_token', 'token'],
    ['oktapam_gateway_setup_token', 'token'],
    ['oktapam_resource_group_server_enrollment_token', 'token'],
    ['oktapam_ad_connection', 'service_account_password'],
  ])('marks %s.%s sensitive although the provider does not', (type, attribute) => {
    const oktapam = generatedProvider('oktapam');
    const entry = snapshot(oktapam.snapshot).provider_schemas[oktapam.fqpn]!;
    expect(entry.resource_schemas?.[type]?.block.attributes?.[attribute]?.sensitive).toBe(true);
  });

  test('marks the data source token and the provider credentials sensitive', () => {
    const oktapam = generatedProvider('oktapam');
    const entry = snapshot(oktapam.snapshot).provider_schemas[oktapam.fqpn]!;
    expect(entry.data_source_schemas?.oktapam_gateway_setup_token?.block.attributes?.token?.sensitive).toBe(true);
    expect(entry.provider?.block.attributes?.oktapam_secret?.sensitive).toBe(true);
    const okta = generatedProvider('okta-oig');
    expect(snapshot(okta.snapshot).provider_schemas[okta.fqpn]!.provider?.block.attributes?.private_key?.sensitive).toBe(true);
  });

  test('keeps attributes that are not secrets unmarked', () => {
    const oktapam = generatedProvider('oktapam');
    const entry = snapshot(oktapam.snapshot).provider_schemas[oktapam.fqpn]!;
    expect(entry.resource_schemas?.oktapam_server_enrollment_token?.block.attributes?.description?.sensitive).toBeUndefined();
  });

  test('fails naming the type and the fix when a listed type is not in the schema', () => {
    const okta = generatedProvider('okta-oig');
    const json = snapshot(okta.snapshot);
    delete json.provider_schemas[okta.fqpn]!.resource_schemas!.okta_request_condition;
    expect(() => trimSchema(json, okta)).toThrow(
      /resource\(s\) okta_request_condition listed in schemas\/providers\.ts are not in the schema: refresh the snapshot/,
    );
  });

  test('fails naming the provider when the schema is of another provider', () => {
    const okta = generatedProvider('okta-oig');
    expect(() => trimSchema(snapshot(generatedProvider('servicenow').snapshot), okta)).toThrow(
      /schema has no provider registry\.terraform\.io\/okta\/okta \(found: registry\.terraform\.io\/tylerhatton\/servicenow\)/,
    );
  });
});
