import { OutsideChangeRecord, ThreadRecord } from '../thread';
import { SEAL_READ_PREFIXES } from '../../../contract/seal-keys';
import { canonicalWithFingerprints, sha256Hex } from './canonical';

/**
 * Seals: what the bridge anchors, outside the table, each time it stores a thread or an event.
 *
 * A thread is cut into entries (the request as received, its current status, and every element of each history list:
 * state changes, Okta calls, steps, System Log confirmations, ServiceNow writes). Each entry is hashed, and the
 * hashes are chained in order from the thread key ({@link chainHead}), so the head fixes the whole thread: content,
 * number and order of entries. The per-entry digests (and per-field fingerprints) let a verifier say which entry
 * and which field no longer matches, without the seal holding any of the thread's values.
 */
export const SEAL_SCHEMA = 'jml-bridge.seal.v1';

/** The lists of a thread that only grow; their order is evidence. */
export const THREAD_LISTS = ['history', 'calls', 'steps', 'confirmations', 'serviceNowWrites'] as const;
export type ThreadList = (typeof THREAD_LISTS)[number];

/** Fields fixed at intake: together they are the `request` entry. */
const REQUEST_FIELDS = ['threadKey', 'correlationId', 'webhookId', 'bodyHash', 'requestNumber', 'action', 'userKey', 'request', 'receivedAt'] as const;

export interface SealedEntry {
  /** `request`, `status` or `<list>[<index>]`, e.g. `calls[2]`. */
  readonly ref: string;
  /** SHA-256 of the entry's canonical JSON. */
  readonly digest: string;
  /** A fingerprint of each leaf (FNV-1a of its JSON), by path inside the entry: only to name what changed. */
  readonly fields: Readonly<Record<string, string>>;
}

interface SealBase {
  readonly schema: typeof SEAL_SCHEMA;
  readonly sealedAt: string;
  readonly entries: readonly SealedEntry[];
  /** Last link of the hash chain over `entries`. */
  readonly head: string;
}

export interface ThreadSeal extends SealBase {
  readonly kind: 'thread';
  readonly threadKey: string;
  readonly requestNumber: string;
  readonly receivedAt: string;
  /** The record version sealed: each stored version gets its own seal. */
  readonly version: number;
}

export interface EventSeal extends SealBase {
  readonly kind: 'event';
  readonly eventId: string;
  readonly published: string;
  readonly origin: OutsideChangeRecord['origin'];
}

export type Seal = ThreadSeal | EventSeal;

/** The entries of a thread, in chain order. `version` is left out: it is the seal's own field. */
export function threadEntries(record: ThreadRecord): Array<{ ref: string; value: unknown }> {
  const source = record as unknown as Record<string, unknown>;
  const request = Object.fromEntries(REQUEST_FIELDS.map((f) => [f, source[f]]));
  const excluded = new Set<string>([...REQUEST_FIELDS, ...THREAD_LISTS, 'version']);
  const status = Object.fromEntries(Object.entries(source).filter(([k]) => !excluded.has(k)));
  const entries: Array<{ ref: string; value: unknown }> = [
    { ref: 'request', value: request },
    { ref: 'status', value: status },
  ];
  for (const list of THREAD_LISTS) {
    const items = (source[list] as unknown[] | undefined) ?? [];
    items.forEach((value, i) => entries.push({ ref: `${list}[${i}]`, value }));
  }
  return entries;
}

export function sealEntry(ref: string, value: unknown): SealedEntry {
  const { json, fields } = canonicalWithFingerprints(value);
  return { ref, digest: sha256Hex(json), fields };
}

/**
 * The head: one SHA-256 over the genesis and every entry's ref and digest, in order. SHA-256 is itself an iterated
 * chain over its input blocks, so the head commits to each entry, to their number and to their order, as a link-by-link
 * chain would, for one hash call instead of one per entry (sealing runs on every stored version).
 */
export function chainHead(genesis: string, entries: readonly Pick<SealedEntry, 'ref' | 'digest'>[]): string {
  let text = genesis;
  for (const e of entries) {
    text += `\n${e.ref}\n${e.digest}`;
  }
  return sha256Hex(text);
}

export const threadGenesis = (threadKey: string): string => `${SEAL_SCHEMA} thread ${threadKey}`;
export const eventGenesis = (eventId: string): string => `${SEAL_SCHEMA} event ${eventId}`;

/**
 * Sealed entries by their exact JSON text, most recent last: a thread's next version repeats almost every entry of
 * the one before (its lists only grow), so only the new or changed entries are canonicalised and hashed again. Keyed
 * by the text itself, a hit is always right: the same text is the same value, whatever the key order.
 */
export class SealedEntryCache {
  private readonly entries = new Map<string, SealedEntry>();
  constructor(private readonly capacity = 20_000) {}

  seal(ref: string, value: unknown): SealedEntry {
    const key = `${ref}\u0000${JSON.stringify(value)}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const sealed = sealEntry(ref, value);
    this.entries.set(key, sealed);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    return sealed;
  }
}

export function sealThread(record: ThreadRecord, sealedAt: string, cache?: SealedEntryCache): ThreadSeal {
  const entries = threadEntries(record).map((e) => (cache ? cache.seal(e.ref, e.value) : sealEntry(e.ref, e.value)));
  return {
    schema: SEAL_SCHEMA,
    kind: 'thread',
    threadKey: record.threadKey,
    requestNumber: record.requestNumber,
    receivedAt: record.receivedAt,
    version: record.version,
    sealedAt,
    entries,
    head: chainHead(threadGenesis(record.threadKey), entries),
  };
}

export function sealEvent(event: OutsideChangeRecord, sealedAt: string): EventSeal {
  const entries = [sealEntry('event', event)];
  return {
    schema: SEAL_SCHEMA,
    kind: 'event',
    eventId: event.eventId,
    published: event.published,
    origin: event.origin,
    sealedAt,
    entries,
    head: chainHead(eventGenesis(event.eventId), entries),
  };
}

/** The UTC day a seal belongs to: the thread's intake day, or the event's publication day. */
export function sealDay(seal: Seal): string {
  return (seal.kind === 'thread' ? seal.receivedAt : seal.published).slice(0, 10);
}

/** The UTC days of `seals`, each with its seals in the order given: a batch is anchored as one object per day. */
export function sealsByDay(seals: readonly Seal[]): Map<string, Seal[]> {
  const days = new Map<string, Seal[]>();
  for (const seal of seals) {
    const day = sealDay(seal);
    days.set(day, [...(days.get(day) ?? []), seal]);
  }
  return days;
}

/**
 * Where a single seal was anchored before seals were batched (`threads/<day>/<key hash>/<version>.json`,
 * `events/<day>/<id hash>/<origin>.json`). Nothing writes these any more; the verifier still reads them, since the
 * bucket keeps them for their whole retention.
 */
export function sealObjectKey(seal: Seal): string {
  const day = sealDay(seal);
  if (seal.kind === 'thread') {
    return `threads/${day}/${sha256Hex(seal.threadKey).slice(0, 32)}/${String(seal.version).padStart(10, '0')}.json`;
  }
  return `events/${day}/${sha256Hex(seal.eventId).slice(0, 32)}/${seal.origin}.json`;
}

export const SEAL_BATCH_SCHEMA = 'jml-bridge.seal-batch.v1';

/** Key prefixes of anchored objects, per day: batches (written now) and single seals (written before batching). */
export const SEAL_KEY_PREFIXES = SEAL_READ_PREFIXES;

/** One anchored object holding the seals one unit of work stored for one day (its threads' latest versions, its events). */
export interface SealBatch {
  readonly schema: typeof SEAL_BATCH_SCHEMA;
  readonly day: string;
  readonly seals: readonly Seal[];
}

/** The object text of a batch: what is anchored, and what its key is the hash of. */
export function sealBatchText(day: string, seals: readonly Seal[]): string {
  const batch: SealBatch = { schema: SEAL_BATCH_SCHEMA, day, seals };
  return JSON.stringify(batch);
}

/**
 * Where a batch is anchored: `batches/<day>/<SHA-256 of the object text, 32 hex digits>.json`. The key is fixed by
 * the content, so writing it again is either the same batch (refused by the write-once condition, harmless) or a
 * rewrite, which leaves a second object version that the verifier reports; a key that is not its text's hash is
 * reported as not a seal.
 */
export function sealBatchKey(day: string, text: string): string {
  return `batches/${day}/${sha256Hex(text).slice(0, 32)}.json`;
}
