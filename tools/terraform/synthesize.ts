import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './snapshots';

/**
 * Synthesizes the project into `outdir` exactly as `npm run synth` does (main.ts through the SWC hook), without
 * touching the checkout's own cdktf.out, so the offline checks can run next to a developer's work. With
 * `configDir`, the environments come from that directory instead of config/environments.
 */
export function synthesizeInto(outdir: string, environments?: string, configDir?: string): string[] {
  mkdirSync(outdir, { recursive: true });
  const entry = configDir ? join(__dirname, 'rehearsal', 'synth-app.ts') : join(REPO_ROOT, 'main.ts');
  const result = spawnSync(process.execPath, ['-r', join(REPO_ROOT, 'scripts', 'register-swc.js'), entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      CHECKPOINT_DISABLE: '1',
      ...(environments ? { ENVIRONMENTS: environments } : {}),
      ...(configDir ? { REHEARSAL_CONFIG_DIR: configDir } : {}),
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`synth failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  return stackNames(outdir);
}

export function stackNames(outdir: string): string[] {
  const stacks = join(outdir, 'stacks');
  return existsSync(stacks) ? readdirSync(stacks).sort() : [];
}

export interface StackJson {
  readonly terraform?: { required_providers?: Record<string, { source: string; version: string }>; required_version?: string };
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
  readonly variable?: Record<string, { default?: unknown; sensitive?: boolean }>;
}

/** Variables a plan of the stack cannot run without (declared with no default): they come from TF_VAR_<name>. */
export function requiredVariables(json: StackJson): string[] {
  return Object.entries(json.variable ?? {})
    .filter(([, declaration]) => declaration.default === undefined)
    .map(([name]) => name)
    .sort();
}

export function readStack(outdir: string, stack: string): StackJson {
  return JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as StackJson;
}
