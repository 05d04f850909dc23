import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { loadEnvironment, parseEnvironment } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';
import { KeySchema } from '../../config/schema/common';
import { lookupsPath, serializeLookups, type GovernanceLookups } from '../../config/oig-lookups';
import { discover } from '../oig-lookups/discover';
import { CLONE_FIELDS, requiredFields, type CloneFieldName, type CloneValues } from './fields';
import { completeValues, type PromptOptions } from './prompt';
import { rewriteEnvironment } from './rewrite';
import { resourceCounts, type StackCount } from './summary';

export interface CloneOptions {
  readonly from: string;
  readonly to: string;
  /** The environments directory holding `<from>.yaml`; the clone is written beside it. */
  readonly dir: string;
  /** Values given as flags (unparsed); missing required ones are asked for or reported. */
  readonly values: CloneValues;
  /** Credentials for the new org's lookups (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_ORG_URL). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Replace an existing `<to>.yaml`. @default false */
  readonly force?: boolean;
  readonly prompt?: PromptOptions;
  /** Synthesize the clone to count what it will create. @default true */
  readonly synthesize?: boolean;
}

export interface CloneResult {
  readonly file: string;
  /** The lookup file written for the new org, when credentials were available. */
  readonly lookups?: string;
  readonly notes: string[];
  /** Resources per stack the new environment will create. */
  readonly counts?: StackCount[];
}

function checkNames(options: CloneOptions): void {
  for (const [flag, name] of [
    ['from', options.from],
    ['to', options.to],
  ] as const) {
    const result = KeySchema.safeParse(name);
    if (!result.success) throw new Error(`--${flag} "${name}" ${result.error.issues[0].message}`);
  }
  if (options.from === options.to) throw new Error(`--to must differ from --from ("${options.from}")`);
  if (!fs.existsSync(path.join(options.dir, `${options.from}.yaml`))) {
    throw new Error(`no environment "${options.from}" in ${options.dir}: --from must name an existing <name>.yaml`);
  }
  if (!options.force && fs.existsSync(path.join(options.dir, `${options.to}.yaml`))) {
    throw new Error(`${options.to}.yaml already exists in ${options.dir}; choose another --to, or pass --force to replace it`);
  }
}

/** Parses every given value with its field's rules and reports all bad ones together. */
function parseValues(values: CloneValues): CloneValues {
  const parsed: CloneValues = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values) as [CloneFieldName, string | undefined][]) {
    if (value === undefined || value === '') continue;
    try {
      parsed[name] = CLONE_FIELDS[name].parse(value);
    } catch (error) {
      problems.push(`--${CLONE_FIELDS[name].flag}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`invalid flags:\n  ${problems.join('\n  ')}`);
  return parsed;
}

/**
 * Counts what `config` will create. Without resolved lookups, the governance stack is synthesized in a scratch
 * directory with placeholder approval-sequence ids: the counts are right, and the ids go nowhere.
 */
function countResources(config: EnvironmentConfig, dir: string, resolved: boolean): StackCount[] {
  if (!config.governance || resolved) return resourceCounts(config, dir);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `clone-lookups-${config.name}-`));
  try {
    const names = [...new Set(config.governance.conditions.map((c) => c.approvalSequence))];
    const placeholder: GovernanceLookups = {
      _generated: 'placeholder written by env:clone for counting only',
      environment: config.name,
      privilegedAccessApp: { label: config.identity.privilegedAccessAppLabel, id: 'placeholder' },
      approvalSequences: Object.fromEntries(names.map((name, index) => [name, String(index + 1).padStart(24, '0')])),
    };
    fs.writeFileSync(lookupsPath(config.name, scratch), serializeLookups(placeholder));
    return resourceCounts(config, scratch);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Creates environment `to` from `from`: copies the YAML with its comments, rewrites what must differ, validates
 * the result with the normal loader, resolves the new org's lookups when credentials are given, and synthesizes
 * the clone to report what it will create.
 */
export async function cloneEnvironment(options: CloneOptions): Promise<CloneResult> {
  checkNames(options);
  const sourceText = fs.readFileSync(path.join(options.dir, `${options.from}.yaml`), 'utf8');
  const source = parseDocument(sourceText).toJS() as Record<string, unknown> | null;
  const sections = new Set(Object.keys(source ?? {}));
  const values = await completeValues(parseValues(options.values), requiredFields(sections), options.prompt ?? {});
  const { text, notes } = rewriteEnvironment(sourceText, options.from, options.to, values);
  parseEnvironment(text, `${options.to}.yaml`);

  const file = path.join(options.dir, `${options.to}.yaml`);
  fs.writeFileSync(file, text);
  // Lookups hold ids of the source org: never carried over.
  fs.rmSync(lookupsPath(options.to, options.dir), { force: true });
  const config = loadEnvironment(options.to, options.dir);

  const env = options.env ?? process.env;
  let lookups: string | undefined;
  if (config.governance) {
    if (env.OKTA_API_CLIENT_ID && env.OKTA_API_PRIVATE_KEY) {
      lookups = await discover({ environment: options.to, environmentsDir: options.dir, env });
      notes.push(`approval sequences and the Privileged Access app resolved in the new org: ${path.basename(lookups)}`);
    } else {
      notes.push(
        `governance lookups not resolved (no OKTA_API_CLIENT_ID / OKTA_API_PRIVATE_KEY): run \`npm run governance:discover -- --env ${options.to}\`; until then the governance stack cannot be deployed (it is counted below with placeholder sequence ids)`,
      );
    }
  }
  let counts: StackCount[] | undefined;
  if (options.synthesize !== false) counts = countResources(config, options.dir, lookups !== undefined);
  return { file, lookups, notes, counts };
}
