import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformResource, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { logicalKeyOf } from './logical-key';

/** App context key: the directory of `<env>.imports.json` files. @default config/environments */
export const IMPORTS_DIR_CONTEXT = 'adoption:importsDir';

/** `config/environments/<env>.imports.json`, written by `npm run env:adopt` and committed beside the environment. */
export interface AdoptedImportsFile {
  readonly _generated: string;
  readonly environment: string;
  /** Logical key (see `logicalKeyOf`) -> the provider's import id of the existing object. */
  readonly imports: Readonly<Record<string, string>>;
}

/** Environments declared from a directory other than config/environments (a clone, a rehearsal copy, an adoption). */
const environmentDirs = new WeakMap<object, string>();

/** Records that `config` was read from `dir`, so its stacks read `<env>.imports.json` from there too. */
export function useImportsBeside(config: object, dir: string): void {
  environmentDirs.set(config, dir);
}

/**
 * Where the environment's imports file is: the app's `adoption:importsDir` context if set, else the directory the
 * environment was declared from (`declareEnvironment`'s `environmentsDir`), else config/environments.
 */
export function importsDirOf(config: object, context: string | undefined, fallback: string): string {
  return context ?? environmentDirs.get(config) ?? fallback;
}

export function importsPath(environment: string, dir: string): string {
  return path.join(dir, `${environment}.imports.json`);
}

/** The environment's import ids, or none when the environment was not adopted. Throws on a malformed file. */
export function readAdoptedImports(environment: string, dir: string): Readonly<Record<string, string>> {
  const file = importsPath(environment, dir);
  if (!fs.existsSync(file)) return {};
  let parsed: Partial<AdoptedImportsFile>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<AdoptedImportsFile>;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}); regenerate it with npm run env:adopt`);
  }
  if (parsed.environment !== environment || typeof parsed.imports !== 'object' || parsed.imports === null) {
    throw new Error(`${file} must have "environment": "${environment}" and an "imports" object; regenerate it with npm run env:adopt`);
  }
  for (const [key, id] of Object.entries(parsed.imports)) {
    if (typeof id !== 'string' || id.length === 0) throw new Error(`${file}: imports["${key}"] must be a non-empty id string`);
  }
  return parsed.imports;
}

/**
 * Turns the adopted import ids into Terraform import blocks: every resource whose logical key has an id gets
 * `importFrom(id)`, so the first plan imports the existing object instead of creating a duplicate.
 *
 * One aspect per stack, registered by the base stack, so no stack lists its imports and sharding a stack moves
 * each import block with its resource. Resources a construct already imports itself (approval sequences, request
 * settings) are left alone.
 */
export class AdoptedImports implements IAspect {
  /** No adopted organisation (the usual case): nothing to look up for any of the stack's resources. */
  private readonly none: boolean;

  constructor(private readonly imports: Readonly<Record<string, string>>) {
    this.none = Object.keys(imports).length === 0;
  }

  visit(node: IConstruct): void {
    if (this.none || !(node instanceof TerraformResource)) return;
    if ((node as unknown as { _imported?: unknown })._imported !== undefined) return;
    const id = this.imports[logicalKeyOf(node)];
    if (id !== undefined) node.importFrom(id);
  }
}
