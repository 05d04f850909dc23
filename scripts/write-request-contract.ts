import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { FULL_PROFILE_ACTIONS, JmlRequestSchema } from '../bridge/src/domain/jml-request';

/**
 * Writes the published request contract from its one source, the zod schema in `bridge/src/domain/jml-request.ts`:
 * `docs/jml-request.schema.json` (JSON Schema 2020-12) and the `JmlRequest`, `JmlUser`, `JmlApproval` components of
 * `docs/openapi.yaml` (OpenAPI 3.1 uses the same dialect). `npm run contract:generate`; a test fails when either is stale.
 */
export const REQUEST_SCHEMA_PATH = path.join(__dirname, '..', 'docs', 'jml-request.schema.json');
export const OPENAPI_PATH = path.join(__dirname, '..', 'docs', 'openapi.yaml');
const SCHEMA_ID = 'https://identity-lifecycle.example/schemas/jml-request.schema.json';

type Json = Record<string, unknown>;

/**
 * JSON Schema of the request. zod cannot express two rules in JSON Schema by itself, so they are added here, next to
 * the generator, from the same constants the zod refinements use: distinct group names (`uniqueItems`) and the full
 * profile that joiners, movers and rehires need (`if`/`then`).
 */
export function requestJsonSchema(): Json {
  const schema = z.toJSONSchema(JmlRequestSchema, {
    target: 'draft-2020-12',
    override: (ctx) => {
      const json = ctx.jsonSchema as Json;
      if (ctx.zodSchema === JmlRequestSchema.shape.groups.unwrap()) json.uniqueItems = true;
    },
  }) as Json;
  const user = (schema.$defs as Record<string, Json>).JmlUser;
  const optional = Object.keys(user.properties as Json).filter((k) => !(user.required as string[]).includes(k) && k !== 'managerLogin');
  return {
    $schema: schema.$schema,
    $id: SCHEMA_ID,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    allOf: [
      {
        if: { type: 'object', properties: { action: { enum: [...FULL_PROFILE_ACTIONS] } }, required: ['action'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited.
        then: { type: 'object', properties: { user: { type: 'object', required: [...(user.required as string[]), ...optional] } } },
      },
    ],
  };
}

export function renderRequestJsonSchema(): string {
  return `${JSON.stringify(requestJsonSchema(), null, 2)}\n`;
}

/** Starts the generated tail of `docs/openapi.yaml`: the last entries of `components.schemas`. */
export const OPENAPI_MARKER = '    # Generated from bridge/src/domain/jml-request.ts by `npm run contract:generate`; edit the zod schema, not this.';

/**
 * `docs/openapi.yaml` with the request components regenerated after {@link OPENAPI_MARKER} (so the hand-written part
 * above keeps its layout) and the intake body pointing at them.
 */
export function renderOpenApi(current: string): string {
  const { $defs, $schema: _schema, $id: _id, ...request } = requestJsonSchema() as Json & { $defs: Record<string, Json> };
  const components = JSON.parse(JSON.stringify({ JmlRequest: request, ...$defs }).replace(/"#\/\$defs\/([A-Za-z]+)"/g, '"#/components/schemas/$1"')) as Json;
  const at = current.indexOf(OPENAPI_MARKER);
  const head = (at >= 0 ? current.slice(0, at) : current.replace(/\n*$/, '\n')).replace(
    "schema: { $ref: './jml-request.schema.json' }",
    "schema: { $ref: '#/components/schemas/JmlRequest' }",
  );
  const body = stringify(components, { lineWidth: 0, singleQuote: true })
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `${head}${OPENAPI_MARKER}\n${body}\n`;
}

if (require.main === module) {
  fs.writeFileSync(REQUEST_SCHEMA_PATH, renderRequestJsonSchema());
  fs.writeFileSync(OPENAPI_PATH, renderOpenApi(fs.readFileSync(OPENAPI_PATH, 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), REQUEST_SCHEMA_PATH)} and ${path.relative(process.cwd(), OPENAPI_PATH)}`);
}
