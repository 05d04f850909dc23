import * as crypto from 'node:crypto';

/**
 * Canonical JSON of `value` (object keys sorted, `undefined` members dropped, no whitespace: two records that mean the
 * same thing give the same text whichever order their fields were written in, and DynamoDB does not keep map order)
 * and, in the same walk, a {@link fingerprint} of every leaf by its path (`request.approvals[0].approver`).
 */
export function canonicalWithFingerprints(value: unknown): { json: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const walk = (v: unknown, path: string): string => {
    if (v === null || typeof v !== 'object') {
      const text = JSON.stringify(v) ?? 'null';
      fields[path || '(value)'] = fingerprint(text);
      return text;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) {
        fields[path || '(value)'] = fingerprint('[]');
        return '[]';
      }
      let out = '[';
      for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + walk(v[i] === undefined ? null : v[i], `${path}[${i}]`);
      return `${out}]`;
    }
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    if (keys.length === 0) {
      fields[path || '(value)'] = fingerprint('{}');
      return '{}';
    }
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      out += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:${walk(record[k], path ? `${path}.${k}` : k)}`;
    }
    return `${out}}`;
  };
  return { json: walk(value, ''), fields };
}

/** Node's one-shot digest (Node 20.12 and later): about half the CPU of a Hash object for the short texts sealed here. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * FNV-1a (32 bits) of a string, as 8 hex digits: a cheap fingerprint for naming which field changed. Not a security
 * measure (entries are compared by SHA-256); a collision only makes a message say "content differs".
 */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
