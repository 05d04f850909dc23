import { SEAL_SCHEMA, Seal } from '../../domain/evidence/thread-seal';

/** Reads an anchored object's text as a seal, or says why it is not one (the verifier reports it). */
export function parseSeal(text: string): { seal?: Seal; problem?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const v = value as Partial<Seal> | null;
  if (!v || v.schema !== SEAL_SCHEMA || (v.kind !== 'thread' && v.kind !== 'event') || typeof v.head !== 'string' || !Array.isArray(v.entries)) {
    return { problem: `not a ${SEAL_SCHEMA} seal` };
  }
  return { seal: v as Seal };
}
