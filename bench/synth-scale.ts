import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OKTA_READS_PER_MINUTE, type PlanCost } from '../tools/plan-cost/estimate';
import { withBaseWorktree } from '../tools/review/git-worktree';
import { synthNodeArgs } from '../tools/synth/app-command';
import { BenchResult, Row } from './lib/report';
import { round } from './lib/stats';

/**
 * Tenants measured by default: the issue's (departments = roles = server-access groups = N), then the within-limits
 * tenant of 10,000 managed groups over 8 identity shards (`groups:<n>:<shards>`). `--sizes 200,1000` overrides.
 */
export const DEFAULT_SIZES = ['3000', 'groups:10000:8'];

/**
 * The code compared with the working tree by default: the commit before the synth fast paths
 * (constructs/cdktf-internals), checked out in a temporary worktree with this checkout's node_modules and .gen
 * (`--before <ref>` picks another). Its tenant runs this checkout's harness (synth-scale-child.ts), so both are
 * measured alike.
 */
export const DEFAULT_BEFORE_REF = '9825d87';

/**
 * The state before issue 14 for the example: bundles rebuilt with esbuild and re-zipped by cdktf's archiver in every
 * process (`LAMBDA_BUNDLE_CACHE=process`), cdktf's own creation stacks and resolver (`SYNTH_FAST_PATHS=0`).
 */
const REBUILT_ENV = { LAMBDA_BUNDLE_CACHE: 'process', SYNTH_FAST_PATHS: '0' };

interface Measurement {
  readonly size: string;
  readonly resources: number;
  /** Generating the tenant and writing it as YAML: the bench's stand-in for the environment file, not synth. */
  readonly generateMs?: number;
  readonly validateMs: number;
  readonly declareMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly peakRssMiB: number;
  /** Spawn to exit of the node process: startup, module loading and generating the tenant included. */
  readonly processWallMs: number;
  /** Per synthesized stack (new code only). */
  readonly plans?: Record<string, PlanCost>;
}

function runNode(
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; out: string; err: string; wallMs: number }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...synthNodeArgs(root), ...args], {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, wallMs: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  });
}

/** `synth-scale-child.ts` of the checkout at `root` for one tenant, in a fresh node process. */
async function measure(root: string, size: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Measurement> {
  const { code, out, err, wallMs } = await runNode(root, [path.join(root, 'bench', 'synth-scale-child.ts'), size], env, timeoutMs);
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`synth of ${size} in ${root} failed (exit ${code}):\n${err.slice(-2000)}`);
  return { ...(JSON.parse(line) as Omit<Measurement, 'processWallMs'>), processWallMs: wallMs };
}

/** Wall time of `cdktf synth`'s app command (main.ts) for the example environment, into a temporary outdir. */
async function exampleSynth(root: string, env: NodeJS.ProcessEnv): Promise<{ wallMs: number; code: number | null }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-example-'));
  try {
    const { wallMs, code } = await runNode(root, [path.join(root, 'main.ts')], { ...env, ENVIRONMENTS: 'example', CDKTF_OUTDIR: outdir }, 5 * 60_000);
    return { wallMs, code };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => round(ms / 1000);

/**
 * Synth at scale, old code and new side by side in one run: the example through `main.ts` (twice, so the second run
 * is "nothing changed since the last synth") and each tenant in a fresh process, for the code before (a worktree of
 * `--before`, default {@link DEFAULT_BEFORE_REF}) and the working tree; the example also as before issue 14 (bundles
 * rebuilt, cdktf's own paths). Then what a plan of each root module of the new code reads (Okta, OPA, ServiceNow) and
 * the minutes of Okta budget it takes.
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const sizes = arg('--sizes')?.split(',') ?? DEFAULT_SIZES;
  const beforeRef = arg('--before') ?? DEFAULT_BEFORE_REF;
  const root = path.resolve(__dirname, '..');
  const timeout = 30 * 60_000;
  const loads: number[] = [os.loadavg()[0]];

  const rows: Row[] = [];
  const measurements: Record<string, Measurement[]> = {};
  const variant = async (label: string, codeRoot: string, env: NodeJS.ProcessEnv, tenants: readonly string[]) => {
    process.stderr.write(`synth-scale: ${label} example...\n`);
    const first = await exampleSynth(codeRoot, env);
    const again = await exampleSynth(codeRoot, env);
    rows.push({
      code: label,
      tenant: 'example (main.ts)',
      resources: '',
      'parse to written s': '',
      'validate / declare / synth s': '',
      'process wall s': `${seconds(first.wallMs)} first, ${seconds(again.wallMs)} unchanged`,
      'peak RSS MiB': '',
      exit: `${first.code}/${again.code}`,
    });
    measurements[label] = [];
    for (const size of tenants) {
      process.stderr.write(`synth-scale: ${label} ${size}...\n`);
      const m = await measure(codeRoot, size, env, timeout);
      measurements[label].push(m);
      rows.push({
        code: label,
        tenant: size,
        resources: m.resources,
        'parse to written s': seconds(m.totalMs),
        'validate / declare / synth s': [m.validateMs, m.declareMs, m.synthMs].map(seconds).join(' / '),
        'process wall s': seconds(m.processWallMs),
        'peak RSS MiB': m.peakRssMiB,
        exit: 0,
      });
    }
    loads.push(os.loadavg()[0]);
  };

  const issueTenants = sizes.filter((size) => !size.startsWith('groups:')); // the sharded tenant is measured for its plan cost
  await variant('before issue 14 (bundles rebuilt, SYNTH_FAST_PATHS=0)', root, REBUILT_ENV, []);
  await withBaseWorktree(root, beforeRef, async (dir, commit) => {
    // The same harness for both: the base's own child may predate the fields this bench reads.
    fs.copyFileSync(path.join(root, 'bench', 'synth-scale-child.ts'), path.join(dir, 'bench', 'synth-scale-child.ts'));
    await variant(`before (${commit.slice(0, 7)})`, dir, {}, issueTenants);
  });
  await variant('new', root, {}, sizes);

  const planRows: Row[] = [];
  for (const m of measurements.new ?? []) {
    for (const [stack, cost] of Object.entries(m.plans ?? {})) {
      if (cost.reads.okta + cost.reads.oktapam + cost.reads.servicenow === 0) continue;
      planRows.push({
        tenant: m.size,
        'root module': stack,
        'Okta reads': cost.reads.okta,
        'OPA reads': cost.reads.oktapam,
        'ServiceNow reads': cost.reads.servicenow,
        'Okta budget minutes': cost.oktaMinutes,
      });
    }
  }
  const columns = planRows.length > 0 ? Object.keys(planRows[0]) : [];
  const planTable = [
    `Plan cost per root module (new code; objects read on refresh, Okta minutes at ${OKTA_READS_PER_MINUTE} reads a minute):`,
    '',
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...planRows.map((r) => `| ${columns.map((c) => String(r[c])).join(' | ')} |`),
  ].join('\n');
  return {
    method: `before issue 14 (LAMBDA_BUNDLE_CACHE=process, SYNTH_FAST_PATHS=0; example only), before (${beforeRef}, a worktree) and new in one run; one fresh node process per synth (SWC require hook, as cdktf synth runs main.ts); the example through main.ts twice; tenants through this checkout's bench/synth-scale-child.ts ("parse to written": from the YAML text to the last cdk.tf.json); 1-minute load ${loads.map((l) => l.toFixed(1)).join(' -> ')}`,
    rows,
    extra: planTable,
    details: { sizes, beforeRef, loads, measurements },
  };
}
