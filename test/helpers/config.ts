import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigValidationError } from '../../config/errors';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../../config/load';
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

/** Each problem as `path: message` when `change` makes the example invalid; fails the test when it stays valid. */
export function problemsOf(change: (raw: Record<string, any>) => void): string[] {
  try {
    exampleWith(change);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

/** The whole validation message of the example after `change`, or '' when it validates. */
export function validationMessageOf(change: (raw: Record<string, any>) => void): string {
  try {
    exampleWith(change);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
