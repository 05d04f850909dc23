import { Clock } from '../ports/clock';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';
import { applyConfirmation, matchThread, OktaLogEvent, requestIdOf, userTargetOf } from './event-matching';
import { ServiceNowWriteBack } from './servicenow-writeback';
import { OutsideChangeRecord, ThreadRecord, transition } from './thread';
import { mutateThread } from './thread-repository';
import { asUnitOfWork } from './unit-of-work';

export interface EventBatchSummary {
  readonly received: number;
  readonly confirmed: number;
  readonly outsideBridge: number;
  readonly pending: number;
  readonly duplicates: number;
  readonly ignored: number;
}

const IN_FLIGHT = new Set(['received', 'queued', 'applying']);

/**
 * Closes golden threads from Okta's own event stream, and records changes the bridge did not make.
 *
 * An event is matched to a thread only by evidence: its request id equals the X-Okta-Request-Id of a call the thread
 * recorded. Events that arrive while the bridge is still applying a request for the same user wait as `pending` and are
 * reconciled when the worker finishes; anything else is an `outside-bridge` change.
 */
export class ConfirmationService {
  private writeBack?: ServiceNowWriteBack;

  constructor(
    private readonly store: RequestStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Set after construction because the write-back and the worker share this service. */
  useWriteBack(writeBack: ServiceNowWriteBack): void {
    this.writeBack = writeBack;
  }

  /** One unit of work (an event-hook delivery): what it stores is sealed before it returns ({@link asUnitOfWork}). */
  handleEvents(events: readonly OktaLogEvent[]): Promise<EventBatchSummary> {
    return asUnitOfWork(this.store, () => this.recordEvents(events));
  }

  private async recordEvents(events: readonly OktaLogEvent[]): Promise<EventBatchSummary> {
    const counts = { received: events.length, confirmed: 0, outsideBridge: 0, pending: 0, duplicates: 0, ignored: 0 };
    const ordered = [...events].sort((a, b) => a.published.localeCompare(b.published));
    for (const event of ordered) {
      const oktaUserId = userTargetOf(event);
      if (!oktaUserId || !event.uuid) {
        counts.ignored += 1;
        continue;
      }
      const oktaRequestId = requestIdOf(event);
      const record: OutsideChangeRecord = {
        eventId: event.uuid,
        eventType: event.eventType,
        published: event.published,
        oktaUserId,
        actor: event.actor?.alternateId ?? event.actor?.id ?? 'unknown',
        ...(oktaRequestId ? { oktaRequestId } : {}),
        ...(event.displayMessage ? { displayMessage: event.displayMessage } : {}),
        origin: 'pending',
        receivedAt: this.clock.isoNow(),
      };
      if (!(await this.store.recordEvent(record))) {
        counts.duplicates += 1;
        continue;
      }
      const threads = await this.store.findByOktaUserId(oktaUserId);
      const match = matchThread(record, threads);
      if (match && (match.state === 'applied' || match.state === 'confirmed')) {
        await this.confirm(match, [record]);
        counts.confirmed += 1;
      } else if (match || threads.some((t) => IN_FLIGHT.has(t.state))) {
        counts.pending += 1;
      } else {
        await this.store.updateEventOrigin(record.eventId, 'outside-bridge');
        this.logger.info('event.outside_bridge', { eventId: record.eventId, eventType: record.eventType, oktaUserId, actor: record.actor });
        counts.outsideBridge += 1;
      }
    }
    return counts;
  }

  /**
   * Called by the worker right after a thread reaches `applied`: claims the events its calls caused (including ones
   * classified before the thread knew its Okta user id) and settles the user's other pending events. The worker
   * reports the resulting state to ServiceNow itself, once.
   */
  async reconcilePending(record: ThreadRecord): Promise<ThreadRecord> {
    if (!record.oktaUserId) {
      return record;
    }
    const events = (await this.store.findEventsByOktaUserId(record.oktaUserId)).filter((event) => event.origin !== 'bridge');
    const caused = events.filter((event) => matchThread(event, [record]));
    const others = events.filter((event) => event.origin === 'pending' && !caused.includes(event));
    const latest = caused.length > 0 ? ((await this.confirm(record, caused, false)) ?? record) : record;
    if (others.length > 0) {
      const threads = await this.store.findByOktaUserId(record.oktaUserId);
      if (!threads.some((t) => IN_FLIGHT.has(t.state))) {
        for (const event of others) {
          await this.store.updateEventOrigin(event.eventId, 'outside-bridge');
        }
      }
    }
    return latest;
  }

  /**
   * Adds the events to the thread in one update, from `latest` (the version the caller just read), and marks them as
   * the bridge's; with `report`, a thread they close is written back to ServiceNow here (else the caller does). Events
   * the thread already holds, or does not wait for, write nothing to it.
   */
  private async confirm(latest: ThreadRecord, events: readonly OutsideChangeRecord[], report = true): Promise<ThreadRecord | undefined> {
    let closed = false;
    const updated = await mutateThread(
      this.store,
      latest.threadKey,
      (r) => {
        const held = r.confirmations.length;
        closed = events.map((event) => applyConfirmation(r, event)).includes(true);
        if (closed) {
          transition(r, 'confirmed', this.clock.isoNow(), `confirmed by ${r.confirmations.map((c) => c.eventType).join(', ')}`);
        }
        return r.confirmations.length > held;
      },
      latest,
    );
    for (const event of events) {
      await this.store.updateEventOrigin(event.eventId, 'bridge');
    }
    if (closed && updated) {
      this.logger.info('thread.confirmed', { correlationId: updated.correlationId, requestNumber: updated.requestNumber });
      if (report) {
        await this.writeBack?.report(updated);
      }
    }
    return updated;
  }
}
