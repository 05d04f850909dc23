import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BenchResult, RESULTS_DIR, Row } from './lib/report';
import { round } from './lib/stats';

/** The last commit before issue 15 changed the guardrails: the baseline measured beside the current code. */
export const DEFAULT_BASELINE = '811362f';
/** Sizes measured by default: the example itself, and the example scaled to 1,000 and 3,000 departments. */
export const DEFAULT_SIZES = ['example', '1000', '3000'];

const ROOT = path.resolve(__dirname, '..');

/**
 * Writes the baseline's guardrails/ into bench-results/ (git-ignored, not type-checked); relative imports that leave
 * guardrails/ point back at the repository, so the baseline rules read today's permission lists and cdktf.
 */
function extractBaseline(ref: string): string {
  const dir = path.join(RESULTS_DIR, `guardrails-baseline-${ref}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const files = execFileSync('git', ['ls-tree', '-r', '--name-only', ref, 'guardrails'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const source = execFileSync('git', ['show', `${ref}:${file}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const fromDir = path.dirname(path.join(ROOT, file));
    const rewritten = source.replace(/from '(\.[^']+)'/g, (whole, specifier: string) => {
      const target = path.resolve(fromDir, specifier);
      return target.startsWith(path.join(ROOT, 'guardrails')) ? whole : `from '${target}'`;
    });
    const out = path.join(dir, path.relative(path.join(ROOT, 'guardrails'), path.join(ROOT, file)));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, rewritten);
  }
  return dir;
}

interface Measurement {
  readonly size: string;
  readonly resources: number;
  readonly errors: number;
  readonly synthMs: number;
  readonly guardInSynthMs: number;
  readonly oldMs: number;
  readonly newMs: number;
}

function measure(size: string, baselineDir: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'scripts', 'register-swc.js'), path.join(__dirname, 'guardrail-cost-child.ts'), size, baselineDir],
      {
        cwd: ROOT,
        env: { ...process.env, CHECKPOINT_DISABLE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`guardrail cost of ${size} failed (exit ${code}):\n${err.slice(-2000)}`));
      else resolve(JSON.parse(line) as Measurement);
    });
  });
}

/**
 * Guardrail cost, old beside new in one run: for each size, one fresh process synthesizes the environment in a
 * GuardedApp, then judges the same stacks with the baseline least-privilege pack (as an Aspect: toTerraform() and its
 * rules) and with the current one (read cdk.tf.json, every rule, deny by default, suppression audit).
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const baseline = option('--baseline') ?? DEFAULT_BASELINE;
  const sizes = option('--sizes')?.split(',') ?? DEFAULT_SIZES;
  const baselineDir = extractBaseline(baseline);
  const measurements: Measurement[] = [];
  for (const size of sizes) {
    process.stderr.write(`guardrail-cost: ${size}...\n`);
    measurements.push(await measure(size, baselineDir));
  }
  const first = measurements[0];
  const rows: Row[] = measurements.map((m) => ({
    size: m.size,
    resources: m.resources,
    'guardrail errors': m.errors,
    'synth s (all stacks, guarded)': round(m.synthMs / 1000),
    'guardrails in synth ms (all packs)': Math.round(m.guardInSynthMs),
    [`old LP pack ms (${baseline})`]: Math.round(m.oldMs),
    'new LP pack ms': Math.round(m.newMs),
    'new ms / resource': round(m.newMs / m.resources, 3),
    'new growth vs first (per resource)': round(m.newMs / first.newMs / (m.resources / first.resources), 2),
  }));
  return {
    method: `one fresh node process per size; old = baseline pack ${baseline} visiting each synthesized stack (toTerraform + rules), new = read cdk.tf.json + judgeStack with the current least-privilege pack; "in synth" = what GuardedApp spent judging with every pack during the synth`,
    rows,
    details: { baseline, sizes, measurements },
  };
}
