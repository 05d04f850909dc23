import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { daysBetween } from '../adapters/seal/days';
import { buildEvidenceReport } from './evidence/report';
import { openEvidence, periodOf } from './evidence/open-evidence';

const USAGE = 'usage: npm run bridge:evidence -- --from <YYYY-MM-DD> [--to <YYYY-MM-DD>] [--out <directory>]';

/**
 * Writes a period's evidence (every request with its approvals, Okta calls and System Log event ids, confirmations,
 * dead letters and replays, changes made outside the bridge, and the verification result) as evidence.json,
 * evidence.csv and evidence.html in `--out` (default `evidence-<from>_<to>`). Exit code 1 if verification failed.
 */
async function main(argv: string[]): Promise<void> {
  const { from, to, rest } = periodOf(argv, USAGE);
  const out = resolve(rest.get('out') ?? `evidence-${from}_${to}`);
  rest.delete('out');
  if (rest.size > 0) {
    throw new Error(`unknown option --${[...rest.keys()][0]}; ${USAGE}`);
  }
  daysBetween(from, to);
  const { source, archive } = openEvidence();
  const report = await buildEvidenceReport(source, archive, from, to, new Date());
  mkdirSync(out, { recursive: true });
  for (const [name, content] of Object.entries(report.files)) {
    writeFileSync(join(out, name), content);
  }
  const requests = new Set(report.rows.filter((r) => r.requestNumber).map((r) => r.requestNumber)).size;
  console.log(`${requests} request(s), ${report.rows.length} row(s) written to ${out}/evidence.{html,csv,json}`);
  console.log(
    report.verification.ok
      ? 'verification: every stored record matches its seal'
      : `verification FAILED: ${report.verification.findings.length} finding(s); see the page's banner`,
  );
  process.exitCode = report.verification.ok ? 0 : 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
