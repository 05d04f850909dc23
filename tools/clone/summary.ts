import { App } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentConfig } from '../../config/schema';
import { declareEnvironment } from '../../stacks/environment-stacks';
import { readSynthOutput } from '../review/synth-output';

/** What one stack of a new environment will create. */
export interface StackCount {
  readonly stack: string;
  readonly resources: number;
  /** Resource count per Terraform type, sorted by type. */
  readonly byType: Readonly<Record<string, number>>;
}

/**
 * Synthesizes every stack of `config` (guardrails included, so a clone that breaks one fails here) and counts
 * the resources each will create. `environmentsDir` is where the environment's generated lookups live.
 */
export function resourceCounts(config: EnvironmentConfig, environmentsDir: string): StackCount[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `clone-${config.name}-`));
  try {
    const app = new App({ outdir });
    declareEnvironment(app, config, { environmentsDir });
    app.synth();
    return readSynthOutput(outdir).map((stack) => {
      const byType = Object.fromEntries(
        Object.entries(stack.json.resource ?? {})
          .map(([type, byName]) => [type, Object.keys(byName).length] as const)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
      return { stack: stack.name, resources: Object.values(byType).reduce((sum, n) => sum + n, 0), byType };
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** A plain-text table of the counts, for the terminal. */
export function formatCounts(counts: readonly StackCount[]): string {
  return counts
    .map(
      (c) =>
        `  ${c.stack}: ${c.resources} resources (${Object.entries(c.byType)
          .map(([type, n]) => `${n} ${type}`)
          .join(', ')})`,
    )
    .join('\n');
}
