import { Clock } from '../../ports/clock';
import { Logger } from '../../ports/logger';
import { SealLedger, StoreSealer } from '../../ports/seal-ledger';
import { OutsideChangeRecord, ThreadRecord } from '../thread';
import { Seal, SealedEntryCache, sealEvent, sealObjectKey, sealThread } from './thread-seal';

/**
 * Seals every stored version of a thread, and every stored event, as the store writes them.
 *
 * Anchoring comes after the write it seals, so a seal never describes a version that was not stored. If anchoring
 * fails, the write still stands (undoing it would lose evidence) and the failure is logged; until the thread is
 * stored and sealed again, `bridge:verify` reports its newest version as unsealed, which is the honest answer.
 */
export class EvidenceSealer implements StoreSealer {
  private readonly cache = new SealedEntryCache();

  constructor(
    private readonly ledger: SealLedger,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  threadStored(record: ThreadRecord): Promise<void> {
    return this.anchor(sealThread(record, this.clock.isoNow(), this.cache));
  }

  eventStored(event: OutsideChangeRecord): Promise<void> {
    return this.anchor(sealEvent(event, this.clock.isoNow()));
  }

  private async anchor(seal: Seal): Promise<void> {
    try {
      await this.ledger.anchor(seal);
    } catch (error) {
      this.logger.warn('seal.not_anchored', { key: sealObjectKey(seal), error: error instanceof Error ? error.message : String(error) });
    }
  }
}
