import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { ENVIRONMENTS_DIR } from '../../config/load';
import { parseEnvironment } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';

/** The example environment file, as plain data a test may change before validating it. */
export function exampleRaw(): Record<string, any> {
  return parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), 'utf8'));
}

/** Validates the example environment after `change` edits its raw data; throws as `cdktf synth` would. */
export function exampleWith(change: (raw: Record<string, any>) => void = () => undefined): EnvironmentConfig {
  const raw = exampleRaw();
  change(raw);
  return parseEnvironment(stringify(raw), 'example.yaml');
}
