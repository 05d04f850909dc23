/**
 * Unicode in environment files: one spelling per value, and a warning for values a person cannot tell apart.
 *
 * Terraform normalizes strings to NFC (docs/terraform-string-escaping.md), so a decomposed `Legal é` and a
 * precomposed `Legal é` would become two identical group rules, and the decomposed one could never match what HR
 * and ServiceNow (which send NFC) write. The loader therefore normalizes every string of the file to NFC before
 * validation: the config then means what Terraform will read, and two values that were different spellings of one
 * text are caught as duplicates by the schema.
 */

/**
 * Every string (values and mapping keys) of parsed YAML in NFC. Two keys of one mapping that are the same text in
 * NFC would silently become one, so each such pair is added to `collisions` (as `path` and message) instead.
 */
export function normalizeToNfc(value: unknown, collisions: { path: string; message: string }[] = [], path = ''): unknown {
  if (typeof value === 'string') {
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => normalizeToNfc(item, collisions, `${path}[${index}]`));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const spelled = new Map<string, string>();
    for (const [key, child] of Object.entries(value)) {
      const nfc = key.normalize('NFC');
      const childPath = path ? `${path}.${nfc}` : nfc;
      const earlier = spelled.get(nfc);
      if (earlier !== undefined) {
        collisions.push({
          path: childPath,
          message: `this key and the key "${earlier}" before it are the same text in Unicode NFC (which Terraform applies); keep one`,
        });
        continue;
      }
      spelled.set(nfc, key);
      out[nfc] = normalizeToNfc(child, collisions, childPath);
    }
    return out;
  }
  return value;
}

/** Letters from other scripts that render like Latin ones (the common part of Unicode's confusables list). */
const LOOK_ALIKE: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ı: 'i',
  ɡ: 'g',
  ℓ: 'l',
  '0': 'o',
  '1': 'l',
};

/**
 * What a value looks like to a reader: compatibility forms folded (NFKC: full-width letters, ligatures), case,
 * accents and invisible characters dropped, and common cross-script look-alikes mapped to Latin.
 */
export function visualSkeleton(value: string): string {
  const folded = value
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\p{M}\u200b-\u200d\u2060\ufeff\u00ad]/gu, '')
    .replace(/\s+/gu, ' ');
  return [...folded].map((c) => LOOK_ALIKE[c] ?? c).join('');
}

/** A value of the file and where it is, for {@link lookAlikeWarnings}. */
export interface NamedValue {
  readonly path: string;
  readonly value: string;
}

/**
 * One warning per pair of different values that look alike (same {@link visualSkeleton}): both are valid, but a
 * person choosing one in the catalog, or HR typing one, can easily get the other.
 */
export function lookAlikeWarnings(values: readonly NamedValue[]): string[] {
  const seen = new Map<string, NamedValue>();
  const warnings: string[] = [];
  for (const entry of values) {
    const skeleton = visualSkeleton(entry.value);
    const first = seen.get(skeleton);
    if (!first) {
      seen.set(skeleton, entry);
    } else if (first.value !== entry.value) {
      warnings.push(
        `${entry.path}: "${entry.value}" looks like "${first.value}" (${first.path}) but is a different value (${codePoints(entry.value, first.value)}); make them clearly different or use one spelling`,
      );
    }
  }
  return warnings;
}

function codePoints(a: string, b: string): string {
  const [x, y] = [[...a], [...b]];
  const at = x.findIndex((c, i) => c !== y[i]);
  const show = (c: string | undefined) => (c === undefined ? 'nothing' : `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`);
  return `first difference at character ${at + 1}: ${show(x[at])} vs ${show(y[at])}`;
}
