import * as fs from 'node:fs';
import { CONFIG_JSON_SCHEMA_PATH, renderConfigJsonSchema } from '../../scripts/write-config-schema';

test('the committed editor schema matches the zod schema (run `npm run config:schema` to refresh it)', () => {
  expect(fs.readFileSync(CONFIG_JSON_SCHEMA_PATH, 'utf8')).toBe(renderConfigJsonSchema());
});
