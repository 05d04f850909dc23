import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployAll, deployChange, planAll, prepareRehearsal, report, type StackStep } from './rehearsal/rehearse';

/** `npm run rehearse`: the whole deploy rehearsal (rehearsal/rehearse.ts); exits 1 on any problem. */
async function main(): Promise<void> {
  const workDir = process.env.REHEARSAL_DIR ?? mkdtempSync(join(tmpdir(), 'tf-rehearsal-'));
  const started = Date.now();
  try {
    const rehearsal = prepareRehearsal(workDir);
    console.log(`deploy order: ${rehearsal.order.join(' -> ')}`);
    const phases: [string, StackStep[]][] = [];
    phases.push(['first deploy', await deployAll(rehearsal)]);
    phases.push(['second plan (must be empty)', await planAll(rehearsal)]);
    phases.push(['config change: department added, server-access group removed', await deployChange(rehearsal)]);
    phases.push(['plan after the change (must be empty)', await planAll(rehearsal)]);
    for (const [title, steps] of phases) console.log(report(title, steps));
    const problems = phases.flatMap(([title, steps]) => steps.flatMap((step) => step.problems.map((p) => `${title} / ${step.stack}: ${p}`)));
    console.log(`\nrehearsal: ${problems.length === 0 ? 'passed' : `${problems.length} problem(s)`} in ${Math.round((Date.now() - started) / 1000)} s`);
    for (const problem of problems) console.log(`- ${problem}`);
    writeFileSync(join(workDir, 'rehearsal-report.json'), JSON.stringify({ passed: problems.length === 0, problems }, null, 2));
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    if (!process.env.REHEARSAL_DIR && !process.env.KEEP_TF_WORKDIR) rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((failure) => {
  console.error(failure instanceof Error ? failure.message : failure);
  process.exitCode = 1;
});
