import { daysBetween } from '../adapters/seal/days';
import { verifyStoredPeriod } from '../domain/evidence/verify-stored-period';
import { openEvidence, periodOf } from './evidence/open-evidence';

const USAGE = 'usage: npm run bridge:verify -- --from <YYYY-MM-DD> [--to <YYYY-MM-DD>] [--json]';

/**
 * Checks every thread and Okta event of a period against the seals anchored for it, and says which record fails and
 * how. Exit code 0 when the period verifies, 1 when a record fails (or the check could not run).
 */
async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const { from, to, rest } = periodOf(
    argv.filter((a) => a !== '--json'),
    USAGE,
  );
  if (rest.size > 0) {
    throw new Error(`unknown option --${[...rest.keys()][0]}; ${USAGE}`);
  }
  daysBetween(from, to);
  const { source, archive } = openEvidence();
  const { verification } = await verifyStoredPeriod(source, archive, from, to, Date.now());
  if (json) {
    console.log(JSON.stringify(verification, null, 2));
  } else {
    console.log(
      `${from} to ${to}: ${verification.threadsChecked} thread(s), ${verification.eventsChecked} Okta event(s), ${verification.sealsRead} seal(s) read`,
    );
    for (const d of verification.days) {
      console.log(`  ${d.day}: day head ${d.head}`);
    }
    console.log(verification.ok ? 'verified: every stored record matches its seal' : `FAILED: ${verification.findings.length} finding(s)`);
    for (const f of verification.findings) {
      console.log(`  [${f.problem}] ${f.message}`);
    }
  }
  process.exitCode = verification.ok ? 0 : 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
