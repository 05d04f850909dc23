import { EvidenceSource } from '../../ports/evidence-source';
import { SealArchive } from '../../ports/seal-ledger';
import { OutsideChangeRecord, ThreadRecord } from '../thread';
import { VerificationResult, verifyPeriod } from './verify-period';

/** How long the table keeps Okta events (its TTL): an event older than this may be gone without anyone deleting it. */
export const EVENT_RETENTION_MS = 396 * 24 * 3600 * 1000;

export interface StoredPeriod {
  readonly threads: ThreadRecord[];
  readonly events: OutsideChangeRecord[];
  readonly verification: VerificationResult;
}

/** Reads a period from the table and the seal archive, and verifies the one against the other. */
export async function verifyStoredPeriod(source: EvidenceSource, archive: SealArchive, from: string, to: string, now: number): Promise<StoredPeriod> {
  const [threads, events, seals] = await Promise.all([source.threads(from, to), source.events(from, to), archive.sealsForDays(from, to)]);
  const verification = await verifyPeriod({
    from,
    to,
    threads,
    events,
    seals,
    getThread: (key) => source.getThread(key),
    eventsExpireBefore: new Date(now - EVENT_RETENTION_MS).toISOString(),
  });
  return { threads, events, verification };
}
