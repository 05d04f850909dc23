import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { BenchResult, Row } from './lib/report';
import { percentile, round } from './lib/stats';
import { seedConfigTable } from '../bridge/dev/local/config-table';
import { startDynalite } from '../bridge/dev/local/dynalite';
import { loadManagedGroups } from '../bridge/src/composition/managed-groups';

const ROOT = path.resolve(__dirname, '..');
/** Managed-group counts measured by default: the example's, then 1,000 and 10,000. */
const COUNTS = [3, 1000, 10000];
const RUNS = 5;

/** One `bench/intake-cold-start.ts` run with `count` managed groups: the "AWS SDK bundled" row, as its columns. */
function coldStart(count: number, runs: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'bench', 'intake-cold-start.ts'), '--runs', String(runs), '--managed-groups', String(count)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench/intake-cold-start.ts exited with ${code}:\n${err.slice(-2000)}`));
      const lines = out.split('\n');
      const header = lines.find((l) => l.startsWith('| variant |'));
      const row = lines.find((l) => l.startsWith('| AWS SDK bundled |'));
      if (!header || !row) return reject(new Error(`no cold-start table in the output:\n${out.slice(-2000)}`));
      const cells = (line: string) =>
        line
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim());
      const names = cells(header);
      resolve(Object.fromEntries(cells(row).map((value, i) => [names[i], value])));
    });
  });
}

const ms = (cell: string) => Number(cell.replace(/ ms$/, ''));

/**
 * The intake's full cold start (fresh node process: require the bundle, load configuration and secrets, read the
 * managed groups from the configuration table in dynalite, answer one signed joiner) with 3, 1,000 and 10,000
 * managed groups. The worker's cold start reads them through the same `loadManagedGroups`. Growth is reported per
 * thousand groups from the reader's own time (`loadManagedGroups` over dynalite, median of 15 in one process), which
 * the machine's load disturbs far less than a whole process's wall time.
 */
/** Milliseconds `loadManagedGroups` takes for `count` names (median of `samples` reads, in this process, over dynalite). */
async function readTime(endpoint: string, count: number, samples: number): Promise<number> {
  const names = ['jml-managed-users', ...Array.from({ length: count - 1 }, (_, i) => `jml-access-bench-servers-${i}`)];
  const env = await seedConfigTable(endpoint, `bench-config-${count}`, names);
  const config = { tableName: env.BRIDGE_CONFIG_TABLE, digest: env.BRIDGE_MANAGED_GROUPS_DIGEST };
  const times: number[] = [];
  for (let i = 0; i < samples + 1; i++) {
    const started = process.hrtime.bigint();
    const set = await loadManagedGroups(config, { region: 'local', endpoint });
    if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (set.all.length !== count) throw new Error(`read ${set.all.length} groups, expected ${count}`);
  }
  return percentile(times, 50);
}

export async function run(args: readonly string[]): Promise<BenchResult> {
  const runs = Number(args[args.indexOf('--runs') + 1]) || RUNS;
  const dynamo = await startDynalite('bench-unused-table');
  const reads: Record<number, number> = {};
  try {
    for (const count of COUNTS) reads[count] = await readTime(dynamo.endpoint, count, 15);
  } finally {
    await dynamo.close();
  }
  const measured: { count: number; cells: Record<string, string> }[] = [];
  for (const count of COUNTS) {
    process.stderr.write(`managed-groups-cold-start: ${count} groups...\n`);
    measured.push({ count, cells: await coldStart(count, runs) });
  }
  const base = measured[0];
  const rows: Row[] = measured.map(({ count, cells }) => {
    const firstInvocation = ms(cells['first invocation']);
    const spawnToResponse = ms(cells['spawn to first response']);
    const perThousand = count === base.count ? '–' : round((reads[count] - reads[base.count]) / ((count - base.count) / 1000), 2);
    return {
      'managed groups': count,
      'spawn to first response ms': spawnToResponse,
      'first invocation ms (config, secrets, groups, request)': firstInvocation,
      'CPU ms': ms(cells['CPU time']),
      'reading the groups ms (median of 15, in process)': round(reads[count], 2),
      'read growth ms per 1,000 groups': perThousand,
    };
  });
  return {
    method: `bench/intake-cold-start.ts --managed-groups N: median of ${runs} fresh node processes running the bundled intake against dynalite and loopback AWS fakes`,
    rows,
    details: { runs, measured },
  };
}
