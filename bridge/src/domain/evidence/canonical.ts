import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, no whitespace. Two records that mean the same
 * thing hash the same whichever order their fields were written in (DynamoDB does not keep map order).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Every leaf of a JSON value by its path (`request.approvals[0].approver`), for naming the field that changed. */
export function leafPaths(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object') {
    return [[prefix || '(value)', value]];
  }
  const out: Array<[string, unknown]> = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...leafPaths(v, `${prefix}[${i}]`)));
    return out.length > 0 ? out : [[prefix || '(value)', []]];
  }
  const keys = Object.keys(value as Record<string, unknown>).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  for (const k of keys) {
    out.push(...leafPaths((value as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
  }
  return out.length > 0 ? out : [[prefix || '(value)', {}]];
}
