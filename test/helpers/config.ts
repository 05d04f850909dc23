import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
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
 * Validated configurations by the raw data they came from, in this test file: most tests validate the unchanged
 * example or the same few variants, and parsing and validating the file again each time cost seconds per test file.
 * Each caller gets its own copy, and an invalid variant throws its error again.
 */
const validated = new Map<string, { config: EnvironmentConfig } | { error: unknown }>();

/** The key of a variant: its data as JSON, with `undefined` kept apart from a missing key (as a NUL no file holds). */
const variantKey = (raw: Record<string, any>) => JSON.stringify(raw, (_key, value: unknown) => (value === undefined ? '\u0000undefined' : value));

/**
 * Validates the example environment after `change` edits its raw data, from a file's text, through the loader `cdktf
 * synth` uses; throws as it would. The text is the data as JSON, which YAML 1.2 reads as the same data (every UTF-16
 * code unit, escaped or not, round-trips: test/config/load.test.ts) at a third of the cost of writing and reading it as
 * block YAML. What only block YAML has (line numbers, comments, anchors) is tested with hand-written files.
 */
export function exampleWith(change: (raw: Record<string, any>) => void = () => undefined): EnvironmentConfig {
  const raw = exampleRaw();
  change(raw);
  const key = variantKey(raw);
  let outcome = validated.get(key);
  if (!outcome) {
    try {
      outcome = { config: parseEnvironment(JSON.stringify(raw), 'example.yaml') };
    } catch (error) {
      outcome = { error };
    }
    validated.set(key, outcome);
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
