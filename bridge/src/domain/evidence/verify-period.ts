import { AnchoredSeal } from '../../ports/seal-ledger';
import { OutsideChangeRecord, ThreadRecord } from '../thread';
import { sha256Hex } from './canonical';
import { diffEntries } from './seal-diff';
import { EventSeal, ThreadSeal, chainHead, eventGenesis, sealDay, threadEntries, threadGenesis } from './thread-seal';

export type FindingProblem =
  | 'thread-deleted'
  | 'thread-unsealed'
  | 'changed-after-seal'
  | 'rolled-back'
  | 'entry-edited'
  | 'entry-removed'
  | 'entry-added'
  | 'entries-reordered'
  | 'event-deleted'
  | 'event-unsealed'
  | 'event-edited'
  | 'seal-invalid'
  | 'seal-rewritten';

/** One record that fails verification, and how. */
export interface VerificationFinding {
  readonly problem: FindingProblem;
  readonly requestNumber?: string;
  readonly threadKey?: string;
  readonly eventId?: string;
  /** The entry of the record (`calls[2]`, `request`, `status`) when one entry is at fault. */
  readonly ref?: string;
  readonly message: string;
}

/** Per UTC day: what was checked and the head of the day's chain (over its threads' and events' latest seals). */
export interface DaySummary {
  readonly day: string;
  readonly threads: number;
  readonly events: number;
  readonly seals: number;
  readonly head: string;
}

export interface VerificationResult {
  readonly from: string;
  readonly to: string;
  readonly ok: boolean;
  readonly threadsChecked: number;
  readonly eventsChecked: number;
  readonly sealsRead: number;
  readonly days: readonly DaySummary[];
  readonly findings: readonly VerificationFinding[];
}

export interface PeriodInput {
  /** First and last UTC day (YYYY-MM-DD), inclusive. */
  readonly from: string;
  readonly to: string;
  /** Everything the table holds for the period (threads by intake day, events by publication day): not trusted. */
  readonly threads: readonly ThreadRecord[];
  readonly events: readonly OutsideChangeRecord[];
  /** Every object anchored for the period's days: trusted (write-once). */
  readonly seals: readonly AnchoredSeal[];
  /** Reads one thread by key, for sealed threads the period's table scan did not return (e.g. a changed intake time). */
  readonly getThread: (threadKey: string) => Promise<ThreadRecord | undefined>;
  /** Events older than this may have expired from the table (its TTL); their absence is not a finding. */
  readonly eventsExpireBefore: string;
}

/**
 * Checks a period of threads and events against the seals anchored for it. The table is not trusted: every stored
 * record must match the seal of its version entry by entry, every sealed record must still be stored, and every stored
 * record must have been sealed. Each finding names the request, the entry and what is wrong with it.
 */
export async function verifyPeriod(input: PeriodInput): Promise<VerificationResult> {
  const findings: VerificationFinding[] = [];
  const threadSeals = new Map<string, ThreadSeal[]>();
  const eventSeals = new Map<string, EventSeal[]>();
  // What each sealed version (thread and version, event and origin) was first sealed as: a second, different seal of
  // the same version was not written by the bridge (a version is stored once, and sealed from what was stored).
  const firstSealOf = new Map<string, { head: string; key: string }>();
  const rewrittenKeys = new Set<string>();
  // Earliest sealed first, so that of two different seals of one version the earlier is checked (either way, both are reported).
  const bySealedAt = [...input.seals].sort((a, b) => (a.seal?.sealedAt ?? '').localeCompare(b.seal?.sealedAt ?? ''));
  for (const anchored of bySealedAt) {
    if (!anchored.seal) {
      findings.push({ problem: 'seal-invalid', message: `anchored object ${anchored.key} is not a seal: ${anchored.problem ?? 'unreadable'}` });
      continue;
    }
    const seal = anchored.seal;
    const subject = seal.kind === 'thread' ? { requestNumber: seal.requestNumber, threadKey: seal.threadKey } : { eventId: seal.eventId };
    if (anchored.writes > 1 && !rewrittenKeys.has(anchored.key)) {
      rewrittenKeys.add(anchored.key);
      findings.push({
        problem: 'seal-rewritten',
        ...subject,
        message: `anchored object ${anchored.key} was written ${anchored.writes} times; a seal is written once (the first version is the one checked)`,
      });
    }
    const genesis = seal.kind === 'thread' ? threadGenesis(seal.threadKey) : eventGenesis(seal.eventId);
    const entriesIntact =
      Array.isArray(seal.entries) && seal.entries.every((e) => typeof e.ref === 'string' && /^[0-9a-f]{64}$/.test(e.digest) && typeof e.fields === 'object');
    if (!entriesIntact || chainHead(genesis, seal.entries) !== seal.head) {
      findings.push({
        problem: 'seal-invalid',
        ...subject,
        message: `anchored object ${anchored.key}: its entries do not chain to its head ${seal.head.slice(0, 16)}…`,
      });
      continue;
    }
    const version = seal.kind === 'thread' ? `thread ${seal.threadKey} version ${seal.version}` : `event ${seal.eventId} origin ${seal.origin}`;
    const first = firstSealOf.get(version);
    if (first && first.head !== seal.head) {
      findings.push({
        problem: 'seal-rewritten',
        ...subject,
        message: `${version} was sealed twice with different content (in ${first.key} and ${anchored.key}); the first one is the one checked`,
      });
      continue;
    }
    if (first) {
      continue;
    }
    firstSealOf.set(version, { head: seal.head, key: anchored.key });
    if (seal.kind === 'thread') {
      threadSeals.set(seal.threadKey, [...(threadSeals.get(seal.threadKey) ?? []), seal]);
    } else {
      eventSeals.set(seal.eventId, [...(eventSeals.get(seal.eventId) ?? []), seal]);
    }
  }

  const stored = new Map(input.threads.map((t) => [t.threadKey, t]));
  const latestThreadSeals: ThreadSeal[] = [];
  for (const [threadKey, seals] of threadSeals) {
    const latest = seals.reduce((a, b) => (b.version > a.version ? b : a));
    latestThreadSeals.push(latest);
    const record = stored.get(threadKey) ?? (await input.getThread(threadKey));
    findings.push(...checkThread(latest, record));
    stored.delete(threadKey);
  }
  for (const record of stored.values()) {
    findings.push({
      problem: 'thread-unsealed',
      requestNumber: record.requestNumber,
      threadKey: record.threadKey,
      message: `${record.requestNumber} (thread ${record.threadKey}, received ${record.receivedAt}) is in the table but was never sealed: it was not written by the bridge, or the bridge invocation that stored it ended before it anchored its seals (a crash; the bridge's next write of the thread seals it)`,
    });
  }

  const storedEvents = new Map(input.events.map((e) => [e.eventId, e]));
  const latestEventSeals: EventSeal[] = [];
  for (const [eventId, seals] of eventSeals) {
    const latest = seals.reduce((a, b) => (b.sealedAt > a.sealedAt ? b : a));
    latestEventSeals.push(latest);
    const event = storedEvents.get(eventId);
    storedEvents.delete(eventId);
    if (!event) {
      if (latest.published >= input.eventsExpireBefore) {
        findings.push({
          problem: 'event-deleted',
          eventId,
          message: `System Log event ${eventId} (published ${latest.published}) was sealed but is not in the table: deleted before its retention ended`,
        });
      }
      continue;
    }
    const seal = seals.find((s) => s.origin === event.origin);
    if (!seal) {
      findings.push({
        problem: 'event-edited',
        eventId,
        ref: 'event',
        message: `System Log event ${eventId} is stored with origin '${event.origin}', which was never sealed (sealed: ${seals.map((s) => s.origin).join(', ')}): changed outside the bridge, or classified by a bridge invocation that ended before it anchored its seals (a crash)`,
      });
      continue;
    }
    for (const d of diffEntries(seal.entries, [{ ref: 'event', value: event }], () => event.eventType)) {
      findings.push({ problem: 'event-edited', eventId, ref: d.ref, message: `System Log event ${eventId}: ${d.message}` });
    }
  }
  for (const event of storedEvents.values()) {
    findings.push({
      problem: 'event-unsealed',
      eventId: event.eventId,
      message: `System Log event ${event.eventId} (${event.eventType}, published ${event.published}) is in the table but was never sealed`,
    });
  }

  return {
    from: input.from,
    to: input.to,
    ok: findings.length === 0,
    threadsChecked: threadSeals.size + [...input.threads].filter((t) => !threadSeals.has(t.threadKey)).length,
    eventsChecked: eventSeals.size + input.events.filter((e) => !eventSeals.has(e.eventId)).length,
    sealsRead: input.seals.length,
    days: daySummaries(latestThreadSeals, latestEventSeals, input.seals),
    findings,
  };
}

function checkThread(seal: ThreadSeal, record: ThreadRecord | undefined): VerificationFinding[] {
  const subject = { requestNumber: seal.requestNumber, threadKey: seal.threadKey };
  const name = `${seal.requestNumber} (thread ${seal.threadKey})`;
  if (!record) {
    return [
      {
        problem: 'thread-deleted',
        ...subject,
        message: `${name} was sealed at version ${seal.version} on ${seal.sealedAt} but is not in the table: the thread was deleted`,
      },
    ];
  }
  const findings: VerificationFinding[] = [];
  if (record.version > seal.version) {
    findings.push({
      problem: 'changed-after-seal',
      ...subject,
      message: `${name} is stored at version ${record.version}, which was never sealed (last seal: version ${seal.version} on ${seal.sealedAt}): changed outside the bridge, or stored by a bridge invocation that ended before it anchored its seals (a crash; it was last updated at ${record.updatedAt}, and the bridge's next write of the thread seals it)`,
    });
  } else if (record.version < seal.version) {
    findings.push({
      problem: 'rolled-back',
      ...subject,
      message: `${name} is stored at version ${record.version}, but version ${seal.version} was sealed on ${seal.sealedAt}: an older copy was put back`,
    });
  }
  for (const d of diffEntries(seal.entries, threadEntries(record), describeEntry)) {
    findings.push({ problem: d.problem, ...subject, ref: d.ref, message: `${name}: ${d.message}` });
  }
  return findings;
}

/** A few words that identify an entry to a reader: the call, the state, the event. */
function describeEntry(entry: { ref: string; value: unknown }): string {
  const v = (entry.value ?? {}) as Record<string, unknown>;
  if (entry.ref.startsWith('calls[')) {
    return `${v.method} ${v.path}`;
  }
  if (entry.ref.startsWith('history[')) {
    return `${v.state} at ${v.at}`;
  }
  if (entry.ref.startsWith('confirmations[')) {
    return `${v.eventType} event ${v.eventId}`;
  }
  if (entry.ref.startsWith('steps[')) {
    return String(v.step);
  }
  if (entry.ref.startsWith('serviceNowWrites[')) {
    return `${v.threadState} attempt ${v.attempt}`;
  }
  return '';
}

/**
 * The day chain: for each day, the latest seal heads of its threads and events in key order, chained. Two auditors
 * who read the same anchored objects get the same day head, so a day's evidence can be referred to by one digest.
 */
function daySummaries(threads: readonly ThreadSeal[], events: readonly EventSeal[], all: readonly AnchoredSeal[]): DaySummary[] {
  const days = new Map<string, { threads: ThreadSeal[]; events: EventSeal[]; seals: number }>();
  const at = (day: string) => days.get(day) ?? days.set(day, { threads: [], events: [], seals: 0 }).get(day)!;
  threads.forEach((s) => at(sealDay(s)).threads.push(s));
  events.forEach((s) => at(sealDay(s)).events.push(s));
  all.forEach((a) => a.seal && at(sealDay(a.seal)).seals++);
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, d]) => {
      const links = [
        ...d.threads.map((s) => `thread ${s.threadKey} ${s.version} ${s.head}`),
        ...d.events.map((s) => `event ${s.eventId} ${s.origin} ${s.head}`),
      ].sort();
      const head = links.reduce((link, next) => sha256Hex(`${link}\n${next}`), sha256Hex(`day ${day}`));
      return { day, threads: d.threads.length, events: d.events.length, seals: d.seals, head };
    });
}
