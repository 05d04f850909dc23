import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployAll, prepareRehearsal, type Rehearsal } from '../rehearsal/rehearse';

/**
 * A deployed rehearsal for the tests: the one `npm run rehearse` left in REHEARSAL_DIR when .ci/run ran it just
 * before (its report says it passed), or a first deploy made here.
 */
export async function deployedRehearsal(): Promise<Rehearsal> {
  const kept = process.env.REHEARSAL_DIR;
  if (kept && existsSync(join(kept, 'rehearsal-report.json'))) {
    const report = JSON.parse(readFileSync(join(kept, 'rehearsal-report.json'), 'utf8')) as { passed: boolean };
    if (report.passed) return prepareRehearsal(kept, { resynthesize: false });
  }
  const rehearsal = prepareRehearsal(mkdtempSync(join(tmpdir(), 'tf-rehearsal-test-')));
  const steps = await deployAll(rehearsal);
  const problems = steps.flatMap((step) => step.problems);
  if (problems.length > 0) throw new Error(`first deploy of the rehearsal failed:\n${problems.join('\n')}`);
  return rehearsal;
}
