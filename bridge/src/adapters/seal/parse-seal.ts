import { SEAL_BATCH_SCHEMA, SEAL_SCHEMA, Seal, sealBatchKey } from '../../domain/evidence/thread-seal';
import { AnchoredSeal } from '../../ports/seal-ledger';

/** What one anchored object holds: its seals, or why it is not what the bridge anchors (the verifier reports it). */
export type ParsedObject = { readonly seals: readonly Seal[] } | { readonly problem: string };

/**
 * Reads an anchored object's text: a batch (`batches/…`, checked to be stored under the hash of its own text) or a
 * single seal written before seals were batched (`threads/…`, `events/…`).
 */
export function parseAnchored(key: string, text: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  if (key.startsWith('batches/')) {
    const batch = value as { schema?: unknown; day?: unknown; seals?: unknown } | null;
    if (!batch || batch.schema !== SEAL_BATCH_SCHEMA || !Array.isArray(batch.seals) || typeof batch.day !== 'string') {
      return { problem: `not a ${SEAL_BATCH_SCHEMA} object` };
    }
    if (sealBatchKey(batch.day, text) !== key) {
      return { problem: `its key is not the hash of its content (expected ${sealBatchKey(batch.day, text)}): the object was not written by the bridge` };
    }
    const invalid = batch.seals.findIndex((s) => !isSeal(s));
    return invalid >= 0 ? { problem: `seals[${invalid}] is not a ${SEAL_SCHEMA} seal` } : { seals: batch.seals as Seal[] };
  }
  return isSeal(value) ? { seals: [value] } : { problem: `not a ${SEAL_SCHEMA} seal` };
}

function isSeal(value: unknown): value is Seal {
  const v = value as Partial<Seal> | null;
  return !!v && v.schema === SEAL_SCHEMA && (v.kind === 'thread' || v.kind === 'event') && typeof v.head === 'string' && Array.isArray(v.entries);
}

/** An anchored object as the verifier reads it: one {@link AnchoredSeal} per seal it holds, or one saying what is wrong. */
export function anchoredSeals(key: string, writes: number, text: string): AnchoredSeal[] {
  const parsed = parseAnchored(key, text);
  return 'problem' in parsed ? [{ key, writes, problem: parsed.problem }] : parsed.seals.map((seal) => ({ key, writes, seal }));
}
