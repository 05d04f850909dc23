import { SealedEntry, sealEntry } from './thread-seal';

/** How one entry of a stored record departs from its seal. */
export interface EntryDifference {
  readonly ref: string;
  readonly problem: 'entry-edited' | 'entry-removed' | 'entry-added' | 'entries-reordered';
  readonly message: string;
}

type StoredEntry = { ref: string; value: unknown };

/**
 * Compares the entries of a stored record with the entries of its seal and names each difference: an edited field
 * (by path, with the value now stored), an entry removed from a list or added to it, or entries whose order changed.
 * `describe` turns a stored entry into a few words for the message (e.g. `POST /api/v1/users`).
 */
export function diffEntries(sealed: readonly SealedEntry[], stored: readonly StoredEntry[], describe: (e: StoredEntry) => string): EntryDifference[] {
  const out: EntryDifference[] = [];
  const sealedGroups = groupByList(sealed);
  const storedGroups = groupByList(stored.map((e) => ({ ...sealEntry(e.ref, e.value), value: e.value })));
  const lists = [...new Set([...sealedGroups.keys(), ...storedGroups.keys()])];
  for (const list of lists) {
    const s = sealedGroups.get(list) ?? [];
    const d = storedGroups.get(list) ?? [];
    out.push(...diffList(list, s, d, describe));
  }
  return out;
}

function diffList(
  list: string,
  sealed: readonly SealedEntry[],
  stored: ReadonlyArray<SealedEntry & { value: unknown }>,
  describe: (e: StoredEntry) => string,
): EntryDifference[] {
  const s = sealed.map((e) => e.digest);
  const d = stored.map((e) => e.digest);
  if (s.join() === d.join()) {
    return [];
  }
  const label = (e: SealedEntry & { value: unknown }) => {
    const words = describe(e);
    return words ? `${e.ref} (${words})` : e.ref;
  };
  if (s.length === d.length && [...s].sort().join() === [...d].sort().join()) {
    const moved = stored.filter((e, i) => e.digest !== s[i]).map((e) => `${label(e)} was sealed as ${list}[${s.indexOf(e.digest)}]`);
    return [
      {
        ref: stored.find((e, i) => e.digest !== s[i])!.ref,
        problem: 'entries-reordered',
        message: `entries of ${list} are out of their sealed order: ${moved.join('; ')}`,
      },
    ];
  }
  if (d.length < s.length && isSubsequence(d, s)) {
    return missingIndexes(d, s).map((i) => ({
      ref: `${list}[${i}]`,
      problem: 'entry-removed' as const,
      message: `${list}[${i}] was sealed but is missing from the stored record: removed`,
    }));
  }
  if (d.length > s.length && isSubsequence(s, d)) {
    return missingIndexes(s, d).map((i) => ({
      ref: stored[i]!.ref,
      problem: 'entry-added' as const,
      message: `${label(stored[i]!)} is not in the seal: added after sealing`,
    }));
  }
  const out: EntryDifference[] = [];
  for (let i = 0; i < Math.max(s.length, d.length); i++) {
    const se = sealed[i];
    const de = stored[i];
    if (se && de && se.digest !== de.digest) {
      out.push({ ref: de.ref, problem: 'entry-edited', message: `${label(de)} changed since it was sealed: ${changedFields(se, de)}` });
    } else if (se && !de) {
      out.push({ ref: se.ref, problem: 'entry-removed', message: `${se.ref} was sealed but is missing from the stored record: removed` });
    } else if (!se && de) {
      out.push({ ref: de.ref, problem: 'entry-added', message: `${label(de)} is not in the seal: added after sealing` });
    }
  }
  return out;
}

/** The paths whose value differs, each with the value now stored (or "removed" / "added"). */
function changedFields(sealed: SealedEntry, stored: SealedEntry & { value: unknown }): string {
  const paths = [...new Set([...Object.keys(sealed.fields), ...Object.keys(stored.fields)])].sort();
  const parts: string[] = [];
  for (const path of paths) {
    const a = sealed.fields[path];
    const b = stored.fields[path];
    if (a === b) {
      continue;
    }
    if (b === undefined) {
      parts.push(`${path} removed`);
    } else {
      const now = JSON.stringify(valueAt(stored.value, path));
      parts.push(a === undefined ? `${path} added (now ${now})` : `${path} is now ${now}`);
    }
  }
  return parts.length > 0 ? parts.join(', ') : 'content differs';
}

function valueAt(value: unknown, path: string): unknown {
  if (path === '(value)') {
    return value;
  }
  let at: unknown = value;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    at = at === null || typeof at !== 'object' ? undefined : (at as Record<string, unknown>)[part];
  }
  return at;
}

function groupByList<T extends { ref: string }>(entries: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const e of entries) {
    const list = e.ref.replace(/\[\d+\]$/, '');
    groups.set(list, [...(groups.get(list) ?? []), e]);
  }
  return groups;
}

function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let j = 0;
  for (const x of long) {
    if (j < short.length && short[j] === x) {
      j++;
    }
  }
  return j === short.length;
}

/** Indexes of `long` not matched by the greedy subsequence match of `short`. */
function missingIndexes(short: readonly string[], long: readonly string[]): number[] {
  const missing: number[] = [];
  let j = 0;
  long.forEach((x, i) => {
    if (j < short.length && short[j] === x) {
      j++;
    } else {
      missing.push(i);
    }
  });
  return missing;
}
