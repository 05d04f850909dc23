import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { parse } from 'yaml';
import { OPENAPI_PATH, renderOpenApi, renderRequestJsonSchema, REQUEST_SCHEMA_PATH, requestJsonSchema } from '../../../scripts/write-request-contract';
import { ROUTES } from '../../contract/routes';
import { JmlRequestSchema } from '../../src/domain/jml-request';
import { validateJmlRequest } from '../../src/http/body-schema';

const published = JSON.parse(readFileSync(REQUEST_SCHEMA_PATH, 'utf8')) as { examples: unknown[] };
const openApiText = readFileSync(OPENAPI_PATH, 'utf8');

describe('published contract (docs/), generated from the zod request schema', () => {
  test('docs/jml-request.schema.json is what the zod schema generates (run `npm run contract:generate` to refresh it)', () => {
    expect(readFileSync(REQUEST_SCHEMA_PATH, 'utf8')).toBe(renderRequestJsonSchema());
  });

  test('the OpenAPI request components are what the zod schema generates, and the intake body points at them', () => {
    expect(openApiText).toBe(renderOpenApi(openApiText));
    const openapi = parse(openApiText) as { paths: any; components: { schemas: Record<string, unknown> } };
    expect(openapi.paths[ROUTES.intake].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/JmlRequest' });
    expect(Object.keys(openapi.components.schemas)).toEqual(expect.arrayContaining(['JmlRequest', 'JmlUser', 'JmlApproval']));
  });

  test('the JSON Schema example is itself a valid request', () => {
    expect(validateJmlRequest(published.examples[0])).toEqual({ ok: true, request: published.examples[0] });
  });

  test('the OpenAPI document describes every endpoint the router serves, and nothing else', () => {
    const openapi = parse(openApiText) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths).sort()).toEqual(Object.values(ROUTES).sort());
    expect(Object.keys(openapi.paths[ROUTES.intake])).toEqual(['post']);
    expect(Object.keys(openapi.paths[ROUTES.eventHook]).sort()).toEqual(['get', 'post']);
  });

  test('a JSON Schema validator given the published schema accepts and refuses exactly what the bridge does', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(requestJsonSchema());
    const base = published.examples[0] as Record<string, any>;
    const values = [
      '',
      'x',
      'x'.repeat(257),
      'not-an-email',
      'ada@example.com',
      'RITM1234567',
      '2026-02-30',
      '2026-03-01',
      42,
      null,
      true,
      [],
      {},
      ['a', 'a'],
      ['jml-a'],
    ];
    const paths = [
      ['requestNumber'],
      ['requestSysId'],
      ['action'],
      ['effectiveDate'],
      ['groups'],
      ['approvals'],
      ['requestedBy'],
      ['user'],
      ['user', 'login'],
      ['user', 'email'],
      ['user', 'firstName'],
      ['user', 'employeeNumber'],
      ['user', 'title'],
      ['user', 'managerLogin'],
      ['approvals', 0, 'approvedAt'],
      ['approvals', 0, 'approver'],
      ['unexpected'],
      ['user', 'unexpected'],
    ];
    const mutation = fc.record({
      path: fc.constantFrom(...paths),
      change: fc.oneof(
        fc.constant({ delete: true as const }),
        fc.constantFrom(...values).map((value) => ({ value })),
      ),
    });
    const action = fc.constantFrom('joiner', 'mover', 'leaver', 'rehire');
    fc.assert(
      fc.property(action, fc.array(mutation, { maxLength: 3 }), (act, mutations) => {
        const body = structuredClone({ ...base, action: act });
        for (const { path, change } of mutations) {
          let target: any = body;
          for (const key of path.slice(0, -1)) target = target?.[key];
          if (target === null || typeof target !== 'object') continue;
          const last = path[path.length - 1];
          if ('delete' in change) delete target[last];
          else target[last] = change.value;
        }
        expect(JmlRequestSchema.safeParse(body).success).toBe(validate(body));
      }),
      { numRuns: 300 },
    );
  });
});
