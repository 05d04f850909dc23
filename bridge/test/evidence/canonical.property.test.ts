import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalWithFingerprints, sha256Hex } from '../../src/domain/evidence/canonical';

/** Reorders every object's keys (deeply), as a store that does not keep map order may hand a record back. */
function shuffled(value: unknown, seed: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  const entries = Object.entries(value as Record<string, unknown>);
  const rotated = entries.length ? [...entries.slice(seed % entries.length), ...entries.slice(0, seed % entries.length)].reverse() : entries;
  return Object.fromEntries(rotated.map(([k, v], i) => [k, shuffled(v, seed + i + 1)]));
}

describe('canonical JSON with field fingerprints', () => {
  test('is the same text and the same fingerprints whatever the key order, and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(50), (value, seed) => {
        const a = canonicalWithFingerprints(value);
        const b = canonicalWithFingerprints(shuffled(value, seed));
        expect(b).toEqual(a);
        expect(JSON.parse(a.json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  test('gives every leaf a path, and a changed leaf changes only its own fingerprint', () => {
    const base = { request: { approvals: [{ approver: 'grace.hopper', approvedAt: '2026-12-01' }], groups: [] }, status: 200 };
    const { fields } = canonicalWithFingerprints(base);
    expect(Object.keys(fields).sort()).toEqual(['request.approvals[0].approvedAt', 'request.approvals[0].approver', 'request.groups', 'status']);
    const changed = canonicalWithFingerprints({ ...base, status: 403 }).fields;
    expect(Object.keys(fields).filter((k) => fields[k] !== changed[k])).toEqual(['status']);
  });

  test("the digest is SHA-256 of the text's UTF-8 bytes, as every seal already anchored was hashed", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
