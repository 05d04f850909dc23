import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { ConfigValidationError, formatPath, type ConfigProblem } from './errors';
import { EnvironmentSchema, type EnvironmentConfig } from './schema';
import { lookAlikeWarnings, normalizeToNfc } from './unicode';

/** Where environment files live: one `<name>.yaml` each. */
export const ENVIRONMENTS_DIR = path.join(__dirname, 'environments');

/** Names of every environment file, sorted, so that "all environments" is deterministic. */
export function listEnvironments(dir: string = ENVIRONMENTS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}

/** Reads and validates `config/environments/<name>.yaml`; throws ConfigValidationError listing every problem. */
export function loadEnvironment(name: string, dir: string = ENVIRONMENTS_DIR): EnvironmentConfig {
  const file = path.join(dir, `${name}.yaml`);
  if (!fs.existsSync(file)) {
    const known = fs.existsSync(dir) ? listEnvironments(dir).join(', ') : 'none';
    throw new ConfigValidationError(path.relative(process.cwd(), file), [
      { path: '', message: `no environment "${name}": create ${name}.yaml in ${dir} (known: ${known || 'none'})` },
    ]);
  }
  const config = parseEnvironment(fs.readFileSync(file, 'utf8'), path.relative(process.cwd(), file));
  if (config.name !== name) {
    throw new ConfigValidationError(path.relative(process.cwd(), file), [
      { path: 'name', message: `is "${config.name}" but the file is ${name}.yaml; make them equal` },
    ]);
  }
  for (const warning of identityLookAlikes(config)) {
    console.warn(`${path.relative(process.cwd(), file)}: warning: ${warning}`);
  }
  return config;
}

/** Department and role values that look alike but differ (config/unicode.ts): valid, but worth a second look. */
export function identityLookAlikes(config: EnvironmentConfig): string[] {
  return lookAlikeWarnings([
    ...config.identity.departments.map((d, i) => ({ path: `identity.departments[${i}].value`, value: d.value })),
    ...config.identity.roles.map((r, i) => ({ path: `identity.roles[${i}].value`, value: r.value })),
  ]);
}

/** The data of an environment file's text as YAML 1.2 reads it, with the document and its lines for error messages. */
export function readEnvironmentText(text: string, file: string): { data: unknown; doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ConfigValidationError(
      file,
      doc.errors.map((e) => ({ path: '', message: `YAML syntax: ${e.message.split('\n')[0]}`, line: lines.linePos(e.pos[0]).line })),
    );
  }
  return { data: doc.toJS(), doc, lines };
}

/** Validates the text of an environment file. `file` only names the source in error messages. */
export function parseEnvironment(text: string, file: string): EnvironmentConfig {
  const { data, doc, lines } = readEnvironmentText(text, file);
  // NFC first, so the config means what Terraform (which normalizes to NFC) will read: config/unicode.ts.
  const collisions: ConfigProblem[] = [];
  const normalized = normalizeToNfc(data, collisions);
  if (collisions.length > 0) {
    throw new ConfigValidationError(file, collisions);
  }
  const result = EnvironmentSchema.safeParse(normalized, { error: explainIssue });
  if (result.success) return result.data;
  throw new ConfigValidationError(
    file,
    result.error.issues.flatMap((issue) => toProblems(issue, doc, lines)),
  );
}

/** Messages zod would phrase for a developer, rephrased for the person editing the YAML file. */
function explainIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `is required (expected ${issue.expected}); add it`;
  }
  if (issue.code === 'invalid_type') {
    return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, not ${describe(issue.input)}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    return `has no valid "${String(issue.discriminator)}"`;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function toProblems(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const at = [...issue.path, key];
      return {
        path: formatPath(at),
        message: 'unknown key; remove it or fix its spelling (config/environment.schema.json lists the keys allowed here)',
        line: lineOf(doc, lines, at),
      };
    });
  }
  return [{ path: formatPath(issue.path), message: issue.message, line: lineOf(doc, lines, issue.path) }];
}

/** The 1-based line of the deepest node of `at` present in the file, so a missing key points at its parent. */
function lineOf(doc: Document, lines: LineCounter, at: readonly PropertyKey[]): number | undefined {
  for (let depth = at.length; depth > 0; depth -= 1) {
    const node = doc.getIn(at.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
