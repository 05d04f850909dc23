import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { BenchResult, Row } from './lib/report';
import { round } from './lib/stats';

/** Sizes (departments = roles = server-access groups) measured by default; `--sizes 200,1000` overrides. */
export const DEFAULT_SIZES = [200, 1000, 3000];

interface Measurement {
  readonly size: number;
  readonly resources: number;
  readonly validateMs: number;
  readonly declareMs: number;
  readonly synthMs: number;
  readonly totalMs: number;
  readonly peakRssMiB: number;
}

/** Runs `synth-scale-child.ts` for one size in a fresh node process and parses its JSON line. */
function measure(size: number, timeoutMs: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(__dirname, '..', 'scripts', 'register-swc.js'), path.join(__dirname, 'synth-scale-child.ts'), String(size)], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`synth of size ${size} failed (exit ${code ?? signal}${signal === 'SIGKILL' ? `, killed after ${timeoutMs} ms` : ''}):\n${err.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line) as Measurement);
    });
  });
}

/**
 * Synth at scale: the example environment scaled by `scaleEnvironment`, one fresh process per size, so module
 * loading, heap and RSS belong to that size alone. Growth is reported per resource against the smallest size:
 * a factor near 1 means linear.
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : DEFAULT_SIZES;
  const measurements: Measurement[] = [];
  for (const size of sizes) {
    process.stderr.write(`synth-scale: size ${size}...\n`);
    measurements.push(await measure(size, 10 * 60_000));
  }
  const base = measurements[0];
  const rows: Row[] = measurements.map((m) => ({
    size: m.size,
    resources: m.resources,
    'validate s': round(m.validateMs / 1000),
    'declare s': round(m.declareMs / 1000),
    'synth s': round(m.synthMs / 1000),
    'total s': round(m.totalMs / 1000),
    'peak RSS MiB': m.peakRssMiB,
    'ms / resource': round(m.totalMs / m.resources, 2),
    'growth vs first (time / resources)': round(m.totalMs / base.totalMs / (m.resources / base.resources), 2),
  }));
  return {
    method: 'one fresh node process per size (SWC require hook, as `cdktf synth` runs main.ts); wall time from config parse to synth written; peak RSS from getrusage',
    rows,
    details: { sizes, measurements },
  };
}
