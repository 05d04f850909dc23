import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { bundleHandler } from '../constructs/lambda-bundle';
import { HANDLERS } from '../bridge/contract';
import { BenchResult, Row } from './lib/report';
import { percentile, round } from './lib/stats';

const ROOT = path.resolve(__dirname, '..');
const RUNS = 7;

/** Prints how long `require(bundle)` took in a fresh process: the module-load part of every cold start. */
const REQUIRE_DRIVER = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
require(process.env.BUNDLE);
process.stdout.write(JSON.stringify({ requireMs: performance.now() - t0, sinceStartMs: performance.now() }) + '\\n');
`;

function requireOnce(bundleFile: string): { requireMs: number; sinceStartMs: number } {
  const child = spawnSync(process.execPath, ['-e', REQUIRE_DRIVER], {
    env: { PATH: process.env.PATH, BUNDLE: bundleFile, AWS_REGION: 'eu-west-1' },
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    throw new Error(`requiring ${bundleFile} failed (exit ${child.status}):\n${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop() as string);
}

/** Runs the bridge-stack engineer's end-to-end intake cold-start script and returns its output (a Markdown table). */
function intakeColdStart(runs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench', 'intake-cold-start.ts'), '--runs', String(runs)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`bench/intake-cold-start.ts exited with ${code}:\n${err.slice(-2000)}`))));
  });
}

/**
 * The module-load time of every bridge function's bundle (the esbuild bundle the bridge stack deploys) in a fresh
 * node process, then `bench/intake-cold-start.ts`: bundle and map sizes of each
 * function and the intake's full cold start (spawn to first signed request answered, over dynalite and loopback AWS
 * fakes), printed after the table as it reports them.
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const runs = Number(args[args.indexOf('--runs') + 1]) || RUNS;
  // The deployed functions are the manifest's entries; other modules in the folder (the manifest itself) are not.
  const entries = Object.values(HANDLERS)
    .map((handler) => handler.entry)
    .sort();
  const rows: Row[] = [];
  for (const entry of entries) {
    const file = path.basename(entry);
    const bundle = bundleHandler({ entry });
    const index = path.join(bundle.directory, 'index.js');
    requireOnce(index);
    const samples = Array.from({ length: runs }, () => requireOnce(index));
    rows.push({
      function: file.replace(/\.ts$/, ''),
      'source files': bundle.inputs.length,
      'require p50 ms': round(
        percentile(
          samples.map((s) => s.requireMs),
          50,
        ),
      ),
      'process start to loaded p50 ms': round(
        percentile(
          samples.map((s) => s.sinceStartMs),
          50,
        ),
      ),
    });
  }
  const intake = await intakeColdStart(runs);
  return {
    method: `esbuild bundles as deployed (constructs/lambda-bundle); require time median of ${runs} fresh node ${process.version} processes; intake full cold start from bench/intake-cold-start.ts`,
    rows,
    extra: intake.trim(),
    details: { runs, coldStartScript: intake.trim().split('\n') },
  };
}
