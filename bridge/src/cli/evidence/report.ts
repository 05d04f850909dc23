import { EvidenceRow, evidenceRows } from '../../domain/evidence/report-rows';
import { VerificationResult } from '../../domain/evidence/verify-period';
import { verifyStoredPeriod } from '../../domain/evidence/verify-stored-period';
import { EvidenceSource } from '../../ports/evidence-source';
import { SealArchive } from '../../ports/seal-ledger';
import { toCsv } from './csv';
import { toHtml } from './html';

export interface EvidenceReport {
  readonly verification: VerificationResult;
  readonly rows: readonly EvidenceRow[];
  /** The three files, by name: `evidence.json`, `evidence.csv`, `evidence.html`. */
  readonly files: Readonly<Record<'evidence.json' | 'evidence.csv' | 'evidence.html', string>>;
}

/** Verifies the period, then renders its evidence three ways from one list of rows. */
export async function buildEvidenceReport(source: EvidenceSource, archive: SealArchive, from: string, to: string, now: Date): Promise<EvidenceReport> {
  const { threads, events, verification } = await verifyStoredPeriod(source, archive, from, to, now.getTime());
  const rows = evidenceRows(threads, events, verification);
  const generatedAt = now.toISOString();
  return {
    verification,
    rows,
    files: {
      'evidence.json': `${JSON.stringify({ period: { from, to }, generatedAt, verification, rows }, null, 2)}\n`,
      'evidence.csv': toCsv(rows),
      'evidence.html': toHtml(rows, verification, generatedAt),
    },
  };
}
