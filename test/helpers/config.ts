import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigValidationError } from '../../config/errors';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';

let exampleFile: Record<string, any> | undefined;

/** The example environment file, as plain data a test may change before validating it (a fresh copy each call). */
export function exampleRaw(): Record<string, any> {
  exampleFile ??= parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), 'utf8')) as Record<string, any>;
  return structuredClone(exampleFile);
}

/**
 * Validated configurations by the YAML text they came from, in this test file: most tests validate the unchanged
 * example or the same few variants, and parsing and validating the file again each time cost seconds per test file.
 * Each caller gets its own copy, and an invalid text throws its error again.
 */
const validated = new Map<string, { config: EnvironmentConfig } | { error: unknown }>();

/** Validates the example environment after `change` edits its raw data; throws as `cdktf synth` would. */
export function exampleWith(change: (raw: Record<string, any>) => void = () => undefined): EnvironmentConfig {
  const raw = exampleRaw();
  change(raw);
  const text = stringify(raw);
  let outcome = validated.get(text);
  if (!outcome) {
    try {
      outcome = { config: parseEnvironment(text, 'example.yaml') };
    } catch (error) {
      outcome = { error };
    }
    validated.set(text, outcome);
  }
  if ('error' in outcome) throw outcome.error;
  return structuredClone(outcome.config);
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
