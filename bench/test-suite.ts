import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withBaseWorktree } from '../tools/review/git-worktree';
import { BenchResult, Row } from './lib/report';
import { round } from './lib/stats';

const ROOT = path.resolve(__dirname, '..');

/**
 * The commit compared with the working tree by default: the tree before the suite's speed work (jest's own runtime,
 * the review synthesizing with ts-node). `--before <ref>` picks another.
 */
export const DEFAULT_BEFORE_REF = '9825d87';

interface SuiteRun {
  readonly label: string;
  readonly wallS: number;
  /** User + system CPU of jest and every process it waited for (workers, the synths and servers tests start). */
  readonly cpuS: number;
  readonly tests: number;
  readonly failed: number;
}

/**
 * Runs `jest --ci` in `dir` through a small node wrapper that reports its children's CPU after they exit (Linux's
 * `/proc/self/stat` cutime and cstime, in clock ticks: every process jest reaped is included).
 */
function runSuite(label: string, dir: string, extraArgs: readonly string[]): Promise<SuiteRun> {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-suite-')), 'result.json');
  const wrapper = `
    const { spawnSync } = require('node:child_process');
    const { readFileSync } = require('node:fs');
    spawnSync(process.execPath, process.argv.slice(1), { stdio: 'ignore' });
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    process.stdout.write(JSON.stringify({ ticks: Number(fields[13]) + Number(fields[14]) }));`;
  const args = ['-e', wrapper, path.join(dir, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json', `--outputFile=${report}`, ...extraArgs];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const { ticks } = JSON.parse(out) as { ticks: number };
        const result = JSON.parse(fs.readFileSync(report, 'utf8')) as { numTotalTests: number; numFailedTests: number };
        resolve({ label, wallS, cpuS: ticks / 100, tests: result.numTotalTests, failed: result.numFailedTests });
      } catch (error) {
        reject(new Error(`jest in ${dir} left no report (${(error as Error).message}); run it there by hand to see why`));
      } finally {
        fs.rmSync(path.dirname(report), { recursive: true, force: true });
      }
    });
  });
}

/** jest's cache directory for the working tree's config: the code-cache runtime keeps its entries under it. */
function codeCacheDir(): string {
  const config = require(path.join(ROOT, 'jest.config.js')) as { cacheDirectory?: string };
  const { cacheDirOf } = require(path.join(ROOT, 'test', 'jest', 'code-cache-runtime.js')) as { cacheDirOf: (c: { cacheDirectory: string }) => string };
  return cacheDirOf({ cacheDirectory: config.cacheDirectory ?? path.join(os.tmpdir(), `jest_${os.userInfo().uid.toString(36)}`) });
}

/** Where jest's bundles of the largest packages are kept (test/jest/prebundled-packages.js); a fresh install has none. */
function prebundledDir(): string {
  const { bundleDirOf } = require(path.join(ROOT, 'test', 'jest', 'prebundled-packages.js')) as { bundleDirOf: (root: string) => string };
  return bundleDirOf(ROOT);
}

const row = (run: SuiteRun): Row => ({
  suite: run.label,
  tests: run.tests,
  failed: run.failed,
  'wall s': round(run.wallS),
  'CPU s': round(run.cpuS),
  'CPU per test ms': round((run.cpuS * 1000) / run.tests, 0),
});

/**
 * `npm run bench -- test-suite [--before <ref>[,<ref>]] [--paths a,b] [--also-workers 3,4]` (`--paths`: only the test files
 * under those paths, to try the benchmark quickly; `--also-workers`: the warm run again with other jest worker
 * counts than jest.config.js's): the whole `jest` suite (what `npm test` runs after the type check
 * and lints), once at the before ref in a temporary worktree with this checkout's node_modules, then twice in the
 * working tree: with the V8 code cache and jest's package bundles emptied first (a first run, as on a fresh CI
 * machine) and again with both warm, then warm with each `--also-workers` count.
 * All in one run, one after the other, so they share the machine's state.
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const beforeAt = args.indexOf('--before');
  const beforeRefs = (beforeAt >= 0 ? args[beforeAt + 1] : DEFAULT_BEFORE_REF).split(',');
  const pathsAt = args.indexOf('--paths');
  const paths = pathsAt >= 0 ? args[pathsAt + 1].split(',') : [];
  const befores: SuiteRun[] = [];
  for (const ref of beforeRefs) befores.push(await withBaseWorktree(ROOT, ref, (dir, commit) => runSuite(`before (${commit.slice(0, 7)})`, dir, paths)));
  fs.rmSync(codeCacheDir(), { recursive: true, force: true });
  fs.rmSync(prebundledDir(), { recursive: true, force: true });
  const cold = await runSuite('after, code cache and bundles empty', ROOT, paths);
  const warm = await runSuite('after, code cache warm', ROOT, paths);
  const workersAt = args.indexOf('--also-workers');
  const extraWorkers = workersAt >= 0 ? args[workersAt + 1].split(',').map(Number) : [];
  const variants: SuiteRun[] = [];
  for (const workers of extraWorkers) variants.push(await runSuite(`after, code cache warm, ${workers} workers`, ROOT, [...paths, `--maxWorkers=${workers}`]));
  return {
    method:
      'jest --ci over the whole suite, wall time and CPU of jest and every process it waited for (/proc/self/stat of a wrapper); before in a worktree of the before ref, after in the working tree with the V8 code cache and the package bundles emptied, then warm (docs/benchmarks.md, "7. The test suite")',
    rows: [...befores, cold, warm, ...variants].map(row),
    details: { beforeRefs, paths, extraWorkers, os: { cpus: os.availableParallelism(), loadAverage: os.loadavg() } },
  };
}
