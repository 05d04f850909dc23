import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GUARDRAIL_FAILURE_EXIT_CODE } from '../../guardrails/guarded-app';
import { synthNodeArgs } from '../synth/app-command';

/**
 * How `cdktf synth` runs this checkout's app (cdktf.json: its node flags and the SWC require hook), used for both
 * sides: the base commit may predate the hook, and the hook transpiles any commit's TypeScript. It is about four times
 * faster than ts-node on the example, and test/toolchain/synth-paths.test.ts holds the two to the same output.
 */
const SYNTH_NODE_ARGS = synthNodeArgs(path.join(__dirname, '..', '..'));

/**
 * Synthesizes the app of the checkout in `dir` into `outdir`, the way `cdktf synth` runs it (cdktf.json's app
 * command), without the CLI.
 *
 * Guardrail errors do not abort this synth (CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, and main.ts's guardrail exit
 * code 3 after the manifest is written): they are findings the review reports. Anything else that fails (invalid
 * config, a thrown error) fails the review with its output.
 */
export function synthesizeCheckout(dir: string, outdir: string, environments?: string): void {
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [...SYNTH_NODE_ARGS, 'main.ts'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: '1',
      CHECKPOINT_DISABLE: '1',
      ...(environments ? { ENVIRONMENTS: environments } : {}),
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  // Exit code 3 is a guardrail failure: the manifest holds the findings, which the review reports.
  if (result.status !== 0 && result.status !== GUARDRAIL_FAILURE_EXIT_CODE) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`synthesizing ${dir} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

/** Path of `main.ts` relative to a checkout: the review needs an app to synthesize on both sides. */
export function hasApp(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'main.ts'));
}
