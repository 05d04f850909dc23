/**
 * What changed inside one attribute value, for values a table cell cannot show whole: long strings, and strings
 * that hold JSON (IAM policies, request bodies, managed-group lists written as JSON). A reviewer must see the
 * exact change, not two cells cut at the same length that look identical.
 */

/** Index of the first character where the two texts differ (the shorter length if one is a prefix). */
export function firstDifference(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  return i;
}

/** `path: before → after` for each leaf that differs between two JSON values (`+`/`-` for added / removed). */
export function jsonLeafChanges(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isPlainObject(before) && isPlainObject(after);
  if (bothArrays && isScalarList(before) && isScalarList(after)) {
    const a = before.map((v) => JSON.stringify(v));
    const b = after.map((v) => JSON.stringify(v));
    const parts = [...b.filter((v) => !a.includes(v)).map((v) => `+${v}`), ...a.filter((v) => !b.includes(v)).map((v) => `-${v}`)];
    const change = parts.length > 0 ? parts.join(', ') : 'order changed';
    return [path ? `${path}: ${change}` : change];
  }
  if (bothArrays || bothObjects) {
    const keys = bothArrays
      ? Array.from({ length: Math.max((before as unknown[]).length, (after as unknown[]).length) }, (_, i) => i)
      : [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])].sort();
    return keys.flatMap((key) => {
      const childPath = typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      const b = (before as Record<string | number, unknown>)[key];
      const a = (after as Record<string | number, unknown>)[key];
      if (b === undefined) return [`${childPath}: +${JSON.stringify(a)}`];
      if (a === undefined) return [`${childPath}: -${JSON.stringify(b)}`];
      return jsonLeafChanges(b, a, childPath);
    });
  }
  const change = `${JSON.stringify(before)} → ${JSON.stringify(after)}`;
  return [path ? `${path}: ${change}` : change];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalarList(value: unknown[]): boolean {
  return value.every((v) => v === null || typeof v !== 'object');
}

function parseJsonText(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

const CONTEXT = 24;

/**
 * The change inside two strings: for JSON text, the leaves that differ; otherwise the differing middle with a
 * little context on each side, `…ctx[-old-][+new+]ctx…`. Undefined when they are equal or not both strings.
 */
export function stringDelta(before: unknown, after: unknown): string | undefined {
  if (typeof before !== 'string' || typeof after !== 'string' || before === after) return undefined;
  const parsedBefore = parseJsonText(before);
  const parsedAfter = parseJsonText(after);
  if (parsedBefore !== undefined && parsedAfter !== undefined) {
    const changes = jsonLeafChanges(parsedBefore, parsedAfter);
    if (changes.length > 0) return changes.join('; ');
    return 'same JSON value, formatting changed';
  }
  const change = textChange(before, after);
  const left = before.slice(Math.max(0, change.start - CONTEXT), change.start);
  const right = before.slice(change.start + change.removed.length, change.start + change.removed.length + CONTEXT);
  const { start, removed, added } = change;
  return `${start > CONTEXT ? '…' : ''}${left}${removed ? `[-${removed}-]` : ''}${added ? `[+${added}+]` : ''}${right}${start + removed.length + CONTEXT < before.length ? '…' : ''}`;
}

/** The one replaced run that turns `before` into `after`: where it starts, the text removed and the text added. */
export function textChange(before: string, after: string): { start: number; removed: string; added: string } {
  const start = firstDifference(before, after);
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, removed: before.slice(start, endBefore), added: after.slice(start, endAfter) };
}
