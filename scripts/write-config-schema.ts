import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { EnvironmentSchema } from '../config/schema';

/**
 * Writes config/environment.schema.json from the zod schema, so editors (yaml-language-server) complete and check
 * environment files as they are typed. A test fails when the committed file is out of date.
 */
export const CONFIG_JSON_SCHEMA_PATH = path.join(__dirname, '..', 'config', 'environment.schema.json');

export function renderConfigJsonSchema(): string {
  const schema = z.toJSONSchema(EnvironmentSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Identity lifecycle environment' }, null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(CONFIG_JSON_SCHEMA_PATH, renderConfigJsonSchema());
  console.log(`wrote ${path.relative(process.cwd(), CONFIG_JSON_SCHEMA_PATH)}`);
}
