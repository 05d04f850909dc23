import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import schema from '../../../docs/jml-request.schema.json';
import { validateJmlRequest } from '../../src/http/body-schema';
import { ROUTES } from '../../contract/routes';

describe('published contract (docs/)', () => {
  test('the JSON Schema example is itself a valid request', () => {
    expect(validateJmlRequest(schema.examples[0])).toEqual({ ok: true, request: schema.examples[0] });
  });

  test('the OpenAPI document describes every endpoint the router serves, and nothing else', () => {
    const openapi = parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'openapi.yaml'), 'utf8')) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths).sort()).toEqual(Object.values(ROUTES).sort());
    expect(Object.keys(openapi.paths[ROUTES.intake])).toEqual(['post']);
    expect(Object.keys(openapi.paths[ROUTES.eventHook]).sort()).toEqual(['get', 'post']);
  });
});
