import { machineInfo } from './lib/machine';
import { BenchResult, formatTable, writeResult } from './lib/report';

/** Every benchmark, in the order `npm run bench` runs them; each module exports `run(args)`. */
const BENCHMARKS: Record<string, () => Promise<{ run: (args: readonly string[]) => Promise<BenchResult> }>> = {
  'synth-scale': () => import('./synth-scale'),
  'guardrail-cost': () => import('./guardrail-cost'),
  intake: () => import('./intake'),
  'end-to-end': () => import('./end-to-end'),
  'bulk-onboarding': () => import('./bulk-onboarding'),
  sealing: () => import('./sealing'),
  'cold-start': () => import('./cold-start'),
  'managed-groups-cold-start': () => import('./managed-groups-cold-start'),
  'test-suite': () => import('./test-suite'),
};

/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [options]` runs one. Each prints a Markdown table and
 * writes `bench-results/<name>.json` (git-ignored) with the machine it ran on.
 */
async function main(argv: readonly string[]): Promise<void> {
  const [first, ...rest] = argv;
  const selected = first && !first.startsWith('--') ? [first] : Object.keys(BENCHMARKS);
  const args = first && !first.startsWith('--') ? rest : argv;
  for (const name of selected) {
    if (!BENCHMARKS[name]) {
      throw new Error(`unknown benchmark '${name}'; choose one of ${Object.keys(BENCHMARKS).join(', ')} (or none to run all)`);
    }
  }
  const machine = machineInfo();
  console.log(`machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}, load ${machine.loadAverage1m}`);
  for (const name of selected) {
    const started = Date.now();
    const result = await (await BENCHMARKS[name]()).run(args);
    const file = writeResult(name, result, machine);
    console.log(
      `\n## ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)\n${result.method}\n\n${formatTable(result.rows)}\n${result.extra ? `\n${result.extra}\n` : ''}\nwritten to ${file}`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
