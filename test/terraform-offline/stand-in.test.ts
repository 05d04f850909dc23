import fc from 'fast-check';
import { X509Certificate } from 'node:crypto';
import { coverageProblems } from '../../tools/terraform/coverage';
import { decodeValue, encodeValue, UNKNOWN } from '../../tools/terraform/provider/cty-msgpack';
import { fromDynamic, toDynamic } from '../../tools/terraform/provider/dynamic';
import { createServerCertificate, handshakeLine } from '../../tools/terraform/provider/handshake';
import { fillComputed, markComputedUnknown } from '../../tools/terraform/provider/planned-values';
import type { SchemaBlock } from '../../tools/terraform/provider/schema-types';
import { loadProviderSchema } from '../../tools/terraform/provider/snapshot';
import { registeredSnapshots } from '../../tools/terraform/snapshots';

const block: SchemaBlock = {
  attributes: {
    id: { type: 'string', optional: true, computed: true },
    name: { type: 'string', required: true },
    arn: { type: 'string', computed: true },
    size: { type: 'number', optional: true, computed: true },
    tags: { type: ['map', 'string'], optional: true },
    output: { type: 'dynamic', computed: true },
    body: { type: 'dynamic', optional: true },
  },
  block_types: {
    rule: { nesting_mode: 'list', block: { attributes: { key: { type: 'string', required: true }, rule_id: { type: 'string', computed: true } } } },
  },
};

const hasUnknown = (value: unknown): boolean =>
  value === UNKNOWN ||
  (Array.isArray(value)
    ? value.some(hasUnknown)
    : value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && Object.values(value).some(hasUnknown));

describe('stand-in provider', () => {
  it('writes an unknown value as cty does (fixext1 type 0) and reads refined unknowns (extension 12) as unknown', () => {
    expect([...encodeValue(UNKNOWN)]).toEqual([0xd4, 0x00, 0x00]);
    expect(decodeValue(Buffer.from([0xd4, 0x0c, 0x00]))).toBe(UNKNOWN);
    expect(decodeValue(encodeValue({ a: [1, 'x', null, UNKNOWN] }))).toEqual({ a: [1, 'x', null, UNKNOWN] });
  });

  it('plans computed attributes left null as unknown, keeps what was configured, and applies them deterministically', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.option(fc.integer({ min: 0, max: 99 }), { nil: null }), (name, keys, size) => {
        const proposed = {
          id: null,
          name,
          arn: null,
          size,
          tags: null,
          output: null,
          body: toDynamic({ name }),
          rule: keys.map((key) => ({ key, rule_id: null })),
        };
        const planned = markComputedUnknown(block, proposed) as Record<string, any>;
        expect(planned.name).toBe(name);
        expect(planned.arn).toBe(UNKNOWN);
        expect(planned.size).toBe(size === null ? UNKNOWN : size);
        expect(planned.tags).toBeNull();
        const applied = fillComputed(block, planned, `x:${name}`) as Record<string, any>;
        expect(hasUnknown(applied)).toBe(false);
        expect(fillComputed(block, planned, `x:${name}`)).toEqual(applied);
        expect(applied.name).toBe(name);
        expect(applied.arn).toMatch(/^arn:aws:standin:/);
        // A computed REST response echoes the request body, with an id.
        expect(fromDynamic(applied.output)?.value).toEqual({ name, id: expect.stringMatching(/^sti[0-9a-f]{16}$/) });
        expect(applied.rule.map((r: { key: string }) => r.key)).toEqual(keys);
      }),
    );
  });

  it('answers the go-plugin handshake with a certificate go-plugin can verify as localhost', () => {
    const certificate = createServerCertificate();
    const line = handshakeLine(12345, certificate);
    const [core, app, network, address, protocol, der] = line.split('|');
    expect([core, app, network, address, protocol]).toEqual(['1', '6', 'tcp', '127.0.0.1:12345', 'grpc']);
    expect(der).not.toMatch(/=/);
    const parsed = new X509Certificate(Buffer.from(der, 'base64'));
    expect(parsed.ca).toBe(true);
    expect(parsed.checkHost('localhost')).toBe('localhost');
    expect(parsed.verify(parsed.publicKey)).toBe(true);
  });

  it("serves the real providers' sensitivity and their environment defaults", () => {
    const oktapam = registeredSnapshots().find((s) => s.fqpn === 'registry.terraform.io/okta/oktapam')!;
    const schema = loadProviderSchema(oktapam.files, oktapam.fqpn);
    // The trim step marks the token sensitive for the bindings; the real provider does not.
    expect(schema.resource_schemas?.oktapam_gateway_setup_token.block.attributes?.token.sensitive).toBeUndefined();
    const servicenow = registeredSnapshots().find((s) => s.fqpn === 'registry.terraform.io/tylerhatton/servicenow')!;
    expect(loadProviderSchema(servicenow.files, servicenow.fqpn, {}).provider.block.attributes?.username.required).toBe(true);
    expect(loadProviderSchema(servicenow.files, servicenow.fqpn, { SERVICENOW_USERNAME: 'u' }).provider.block.attributes?.username).toMatchObject({
      optional: true,
    });
  });

  it('names the snapshot to add when a stack requires a provider version no snapshot serves', () => {
    const json = { terraform: { required_providers: { okta: { source: 'okta/okta', version: '9.9.9' } } } };
    expect(coverageProblems('identity-x', json, registeredSnapshots())).toEqual([
      'identity-x: no schema snapshot for registry.terraform.io/okta/okta 9.9.9 in schemas/; add <name>-9.9.9.schema.json (docs/terraform-offline.md)',
    ]);
    const unknownType = { terraform: { required_providers: { okta: { source: 'okta/okta', version: '4.20.0' } } }, resource: { okta_not_a_type: { a: {} } } };
    expect(coverageProblems('identity-x', unknownType, registeredSnapshots())[0]).toMatch(
      /resource type okta_not_a_type is not in the registry.terraform.io\/okta\/okta 4.20.0 snapshot/,
    );
  });
});
