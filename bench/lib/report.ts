import * as fs from 'node:fs';
import * as path from 'node:path';
import { MachineInfo, machineInfo } from './machine';

/** Where results go; git-ignored (`bench-results/` in .gitignore). */
export const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench-results');

export type Row = Record<string, string | number>;

/** What one benchmark hands back to the runner. */
export interface BenchResult {
  /** One line on how the figures were obtained (the detail is in docs/benchmarks.md). */
  readonly method: string;
  readonly rows: readonly Row[];
  /** Text printed after the table (another script's own report). */
  readonly extra?: string;
  /** Anything else worth keeping in the JSON (settings, raw samples, checks). */
  readonly details?: Record<string, unknown>;
}

/** Formats rows as a Markdown table (pasteable into docs/benchmarks.md). */
export function formatTable(rows: readonly Row[]): string {
  if (rows.length === 0) {
    return '(no rows)';
  }
  const columns = Object.keys(rows[0]);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((row) => line(columns.map((c) => String(row[c] ?? ''))))].join('\n');
}

/** Writes `bench-results/<name>.json` with the machine, the time and the result; returns the path. */
export function writeResult(name: string, result: BenchResult, machine: MachineInfo = machineInfo()): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
  return file;
}
