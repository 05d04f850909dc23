import { spawnSync } from 'node:child_process';
import { maskValue } from './mask';

/** True when a `terraform` binary is on the PATH. */
export function terraformAvailable(): boolean {
  return spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
}

/**
 * `terraform plan` of one synthesized stack, for reviews run where terraform and (read-only) credentials exist.
 * Terraform already hides sensitive values; lines naming secret attributes are masked again for safety.
 * Returns the failure text instead of throwing: a plan is an optional part of the review.
 */
export function terraformPlan(stackDirectory: string, env: NodeJS.ProcessEnv = process.env): string {
  const run = (args: string[]) => spawnSync('terraform', args, { cwd: stackDirectory, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const init = run(['init', '-input=false', '-no-color']);
  if (init.status !== 0) return `terraform init failed:\n${init.stderr}`;
  const plan = run(['plan', '-input=false', '-no-color', '-lock=false']);
  const text = plan.status === 0 ? plan.stdout : `terraform plan failed:\n${plan.stderr}`;
  return text
    .split('\n')
    .map((line) => {
      const match = /^(\s*[~+-]?\s*)([a-z0-9_]+)(\s*=\s*)(.*)$/.exec(line);
      return match && maskValue(match[4], match[2]) !== match[4] ? `${match[1]}${match[2]}${match[3]}(sensitive value masked)` : line;
    })
    .join('\n');
}
