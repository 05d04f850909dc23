import { Clock } from '../../ports/clock';
import { Logger } from '../../ports/logger';
import { SealLedger, StoreSealer } from '../../ports/seal-ledger';
import { OutsideChangeRecord, ThreadRecord } from '../thread';
import { Seal, SealedEntryCache, sealEvent, sealsByDay, sealThread } from './thread-seal';

/** A stored record waiting for the next flush: its JSON text, so later changes to the caller's object do not leak in. */
type Noted = { readonly kind: 'thread'; readonly version: number; readonly text: string } | { readonly kind: 'event'; readonly text: string };

/** Noted records kept for a retry after failed anchors, at most: beyond it the oldest are dropped (and stay unsealed). */
const MAX_NOTED = 10_000;

/** Records that make a full batch: a unit of work that ends with this many noted flushes even while others run. */
export const FULL_BATCH = 64;

/**
 * Seals what the store wrote, one unit of work at a time (see {@link StoreSealer}).
 *
 * The store notes each stored version (a thread's newest version replaces the one noted before it; an event's newest
 * origin replaces its earlier one); {@link flush} seals the noted records and anchors one object per UTC day. A Lambda
 * function runs one unit of work at a time, so each unit's end flushes. A process that runs several at once (local
 * mode, the benchmarks) flushes when the last running unit ends, or when a unit ends with {@link FULL_BATCH} records
 * noted: overlapping units then share one anchor, and a thread two of them touch is sealed once, at its newest version. Anchoring
 * comes after the writes it seals, so a seal never describes a version that was not stored. If anchoring fails the
 * writes still stand (undoing them would lose evidence): the failure is logged (`seal.not_anchored`) and the records
 * are noted again for the next flush, unless a newer version was noted meanwhile.
 */
export class EvidenceSealer implements StoreSealer {
  private readonly cache = new SealedEntryCache();
  private noted = new Map<string, Noted>();
  private runningUnits = 0;

  constructor(
    private readonly ledger: SealLedger,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  threadStored(record: ThreadRecord): void {
    const key = `thread ${record.threadKey}`;
    const before = this.noted.get(key);
    if (before?.kind === 'thread' && before.version > record.version) {
      return;
    }
    this.note(key, { kind: 'thread', version: record.version, text: JSON.stringify(record) });
  }

  eventStored(event: OutsideChangeRecord): void {
    this.note(`event ${event.eventId}`, { kind: 'event', text: JSON.stringify(event) });
  }

  unitStarted(): void {
    this.runningUnits += 1;
  }

  unitEnded(): Promise<void> {
    this.runningUnits = Math.max(0, this.runningUnits - 1);
    return this.runningUnits === 0 || this.noted.size >= FULL_BATCH ? this.flush() : Promise.resolve();
  }

  async flush(): Promise<void> {
    if (this.noted.size === 0) {
      return;
    }
    const batch = this.noted;
    this.noted = new Map();
    const sealedAt = this.clock.isoNow();
    const seals = new Map<Seal, [string, Noted]>();
    for (const [key, noted] of batch) {
      try {
        const seal =
          noted.kind === 'thread'
            ? sealThread(JSON.parse(noted.text) as ThreadRecord, sealedAt, this.cache)
            : sealEvent(JSON.parse(noted.text) as OutsideChangeRecord, sealedAt);
        seals.set(seal, [key, noted]);
      } catch (error) {
        // Not expected (the record was just stored as JSON); a flush must still never fail the unit of work.
        this.logger.warn('seal.not_sealed', { record: key, error: error instanceof Error ? error.message : String(error) });
      }
    }
    await Promise.all(
      [...sealsByDay([...seals.keys()])].map(async ([day, daySeals]) => {
        try {
          await this.ledger.anchor(day, daySeals);
        } catch (error) {
          this.logger.warn('seal.not_anchored', { day, seals: daySeals.length, error: error instanceof Error ? error.message : String(error) });
          for (const seal of daySeals) {
            const [key, noted] = seals.get(seal)!;
            if (!this.noted.has(key)) {
              this.note(key, noted);
            }
          }
        }
      }),
    );
  }

  private note(key: string, noted: Noted): void {
    this.noted.delete(key);
    this.noted.set(key, noted);
    if (this.noted.size > MAX_NOTED) {
      const oldest = this.noted.keys().next().value as string;
      this.noted.delete(oldest);
      this.logger.warn('seal.dropped', { record: oldest, reason: `more than ${MAX_NOTED} records waiting for an anchor` });
    }
  }
}
