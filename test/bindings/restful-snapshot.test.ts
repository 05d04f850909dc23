import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { RestfulProvider } from '../../.gen/providers/restful/provider';
import { Resource } from '../../.gen/providers/restful/resource';
import { generatedProvider } from '../../schemas/providers';
import { serializeSchema, trimSchema, type ProvidersSchemaJson } from '../../scripts/bindings/trim';
import { stackJsonOf } from '../helpers/synth';

const FQPN = 'registry.terraform.io/magodo/restful';
const snapshotText = readFileSync(path.resolve(__dirname, '..', '..', 'schemas', 'restful-0.25.2.schema.json'), 'utf8');
const snapshot = JSON.parse(snapshotText) as ProvidersSchemaJson & { provider_schemas: Record<string, Record<string, Record<string, unknown>>> };

describe('magodo/restful 0.25.2 snapshot and bindings', () => {
  test('the snapshot is `terraform providers schema -json` output with the ephemeral restful_resource kept', () => {
    expect(snapshot.format_version).toBe('1.0');
    expect(Object.keys(snapshot.provider_schemas)).toEqual([FQPN]);
    const entry = snapshot.provider_schemas[FQPN] as Record<string, Record<string, unknown>>;
    expect(Object.keys(entry)).toEqual(['provider', 'resource_schemas', 'data_source_schemas', 'ephemeral_resource_schemas']);
    expect(Object.keys(entry.resource_schemas as object)).toEqual(['restful_operation', 'restful_resource']);
    expect(Object.keys(entry.ephemeral_resource_schemas as object)).toEqual(['restful_resource']);
  });

  test('re-trimming the snapshot changes nothing (the generator accepts it)', () => {
    expect(serializeSchema(trimSchema(snapshot, generatedProvider('restful')))).toBe(snapshotText);
  });

  test('a listed ephemeral type missing from the schema is refused by name', () => {
    const provider = { ...generatedProvider('restful'), ephemeralResources: ['restful_token'] };
    expect(() => trimSchema(snapshot, provider)).toThrow(/ephemeral resource\(s\) restful_token/);
  });

  test('the bindings pin magodo/restful 0.25.2 and keep body keys as written', () => {
    const stack = new TerraformStack(Testing.app(), 'restful');
    new RestfulProvider(stack, 'restful', { baseUrl: 'https://example.pam.okta.com' });
    new Resource(stack, 'rule', { path: '/v1/teams/t/x', body: { rule_type: 'SHARED', project: { id: 'p' } } });
    const json = stackJsonOf(stack);
    expect(json.terraform.required_providers).toEqual({ restful: { source: 'magodo/restful', version: '0.25.2' } });
    expect(json.resource.restful_resource.rule.body).toEqual({ rule_type: 'SHARED', project: { id: 'p' } });
  });
});
