import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedProvider } from '../../schemas/providers';
import { type ProvidersSchemaJson, serializeSchema, trimSchema } from './trim';

/**
 * `trim-cli.ts <provider key> <full schema json> [<out dir>]`: writes `schemas/<snapshot>` trimmed to the list in
 * providers.ts. The refresh script pipes `terraform providers schema -json` through it; it also re-trims a
 * snapshot after the list shrinks.
 */
function main(argv: readonly string[]): void {
  const [key, input, outDir = path.resolve(__dirname, '..', '..', 'schemas')] = argv;
  if (!key || !input) {
    throw new Error('usage: trim-cli.ts <okta-oig|oktapam|servicenow|restful> <full schema json> [<out dir>]');
  }
  const provider = generatedProvider(key);
  const full = JSON.parse(readFileSync(input, 'utf8')) as ProvidersSchemaJson;
  const out = path.join(outDir, provider.snapshot);
  writeFileSync(out, serializeSchema(trimSchema(full, provider)));
  console.log(`wrote ${out}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
