import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { diffSynth } from './diff';
import { withBaseWorktree } from './git-worktree';
import { renderReview } from './markdown';
import { terraformAvailable, terraformPlan } from './plan';
import { readSynthOutput } from './synth-output';
import { hasApp, synthesizeCheckout } from './synthesize';

const USAGE = `usage: npm run review -- --base <git-ref> [--out <dir>] [--environments a,b] [--plan]
  --base          git ref to compare with (e.g. origin/main, a commit sha)
  --out           where to write plan-review.md and one <stack>.md per stack (default cdktf.out/review)
  --environments  synthesize only these environments (default: all)
  --plan          also run terraform plan per stack when terraform and credentials exist`;

/** Synthesizes the working tree and `--base`, then writes the Markdown review; prints the combined report. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, out: { type: 'string' }, environments: { type: 'string' }, plan: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.base) throw new Error(`--base is required: the git ref to compare the working tree with\n${USAGE}`);
  const repo = process.cwd();
  const outDir = path.resolve(values.out ?? path.join('cdktf.out', 'review'));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-review-'));
  try {
    synthesizeCheckout(repo, path.join(scratch, 'head'), values.environments);
    const head = readSynthOutput(path.join(scratch, 'head'));
    const { base, commit } = await withBaseWorktree(repo, values.base, (dir, sha) => {
      if (!hasApp(dir)) return { base: [], commit: sha };
      synthesizeCheckout(dir, path.join(scratch, 'base'), values.environments);
      return { base: readSynthOutput(path.join(scratch, 'base')), commit: sha };
    });
    let plans: Record<string, string> | undefined;
    if (values.plan) {
      plans = {};
      const available = terraformAvailable();
      for (const stack of head) plans[stack.name] = available ? terraformPlan(stack.directory) : 'terraform is not installed here; plan skipped.';
    }
    const report = renderReview({
      baseRef: `${values.base} (${commit.slice(0, 12)})`,
      headLabel: 'working tree',
      diffs: diffSynth(base, head),
      base,
      head,
      plans,
    });
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'plan-review.md'), report.markdown);
    for (const [stack, markdown] of Object.entries(report.perStack)) fs.writeFileSync(path.join(outDir, `${stack}.md`), markdown);
    console.log(report.markdown);
    console.error(`plan review written to ${path.relative(repo, outDir) || outDir}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
