import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageProblems } from './coverage';
import { buildMirror } from './mirror';
import { readStack, synthesizeInto } from './synthesize';
import { inBatches, terraform, terraformEnv } from './terraform-cli';

/**
 * `npm run validate`: synthesizes every stack of every environment, then runs the real `terraform init` and
 * `terraform validate` on each, offline, against the stand-in providers. Prints Terraform's own diagnostics
 * and exits 1 when any stack is refused.
 */
export interface StackVerdict {
  readonly stack: string;
  readonly ok: boolean;
  readonly output: string;
}

export async function validateAll(workDir: string, environments?: string): Promise<StackVerdict[]> {
  const outdir = join(workDir, 'cdktf.out');
  const stacks = synthesizeInto(outdir, environments);
  const mirror = buildMirror(workDir);
  // The servicenow provider requires its credentials unless their variables are set (env-defaults.ts), with the
  // real provider as with the stand-in; validate makes no API call, so placeholders are enough.
  const env = terraformEnv(mirror, { SERVICENOW_USERNAME: 'validate-placeholder', SERVICENOW_PASSWORD: 'validate-placeholder' });
  return inBatches(stacks, 2, async (stack) => {
    const problems = coverageProblems(stack, readStack(outdir, stack), mirror.providers);
    if (problems.length > 0) return { stack, ok: false, output: problems.join('\n') };
    const dir = join(outdir, 'stacks', stack);
    const init = await terraform(['init', '-backend=false', '-input=false', '-no-color'], dir, env);
    if (init.code !== 0) return { stack, ok: false, output: `terraform init failed:\n${init.stderr}${init.stdout}` };
    const validate = await terraform(['validate', '-no-color'], dir, env);
    return { stack, ok: validate.code === 0, output: `${validate.stdout}${validate.stderr}`.trim() };
  });
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'tf-validate-'));
  try {
    const verdicts = await validateAll(workDir, process.env.ENVIRONMENTS);
    for (const verdict of verdicts) {
      console.log(`${verdict.ok ? 'ok  ' : 'FAIL'} ${verdict.stack}`);
      if (!verdict.ok) console.log(verdict.output.replace(/^/gm, '     '));
    }
    const failed = verdicts.filter((verdict) => !verdict.ok).length;
    console.log(`terraform validate: ${verdicts.length - failed} passed, ${failed} failed`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    if (!process.env.KEEP_TF_WORKDIR) rmSync(workDir, { recursive: true, force: true });
    else console.log(`work directory kept: ${workDir}`);
  }
}

if (require.main === module) {
  main().catch((failure) => {
    console.error(failure instanceof Error ? failure.message : failure);
    process.exitCode = 1;
  });
}
