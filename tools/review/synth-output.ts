import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GuardrailReport } from '../../guardrails/report';
import { REPORT_FILE } from '../../guardrails/pack';

/** Terraform JSON of one stack, as `cdktf synth` writes it. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, { sensitive?: boolean; default?: unknown; [k: string]: unknown }>;
  output?: Record<string, { sensitive?: boolean; value?: unknown; [k: string]: unknown }>;
  [key: string]: unknown;
}

/** An annotation from the synth manifest (written even when errors are allowed to continue). */
export interface ManifestAnnotation {
  readonly constructPath: string;
  readonly level: string;
  readonly message: string;
}

/** One synthesized stack: its Terraform JSON, annotations and guardrail report. */
export interface SynthStack {
  readonly name: string;
  readonly json: StackJson;
  readonly annotations: readonly ManifestAnnotation[];
  readonly guardrails?: GuardrailReport;
  /** Directory of the stack's synthesized files, where `terraform plan` can run. */
  readonly directory: string;
}

/** Reads every stack of a `cdktf synth` output directory (`manifest.json` and `stacks/<name>/cdk.tf.json`). */
export function readSynthOutput(outdir: string): SynthStack[] {
  const manifestFile = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`no manifest.json in ${outdir}: the synth did not complete; run it and read its errors`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
    stacks: Record<string, { name: string; synthesizedStackPath: string; workingDirectory: string; annotations?: ManifestAnnotation[] }>;
  };
  return Object.values(manifest.stacks)
    .map((stack) => {
      const directory = path.join(outdir, stack.workingDirectory);
      const reportFile = path.join(directory, REPORT_FILE);
      return {
        name: stack.name,
        json: JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as StackJson,
        annotations: (stack.annotations ?? []).map(({ constructPath, level, message }) => ({ constructPath, level, message })),
        guardrails: fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as GuardrailReport) : undefined,
        directory,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
