import { profileEquals } from '../../constructs/okta-expression';
import { ExpressibleTextSchema, KeySchema } from '../../config/schema/common';

/** A config key made from a name: lowercase letters, digits and hyphens, starting with a letter, at most 40. */
export function keyFromName(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(base)) base = `g-${base}`;
  base = base.slice(0, 36).replace(/-+$/, '') || 'g';
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
  return key;
}

/** The key in `<prefix>-<kind>-<key>` when `name` follows the scheme with a valid key, else undefined. */
export function keyOnScheme(name: string, prefix: string, kind: string): string | undefined {
  const head = `${prefix}-${kind}-`;
  if (!name.startsWith(head)) return undefined;
  const key = name.slice(head.length);
  return KeySchema.safeParse(key).success ? key : undefined;
}

/** A rule the project can declare: `user.<attribute>=="<value>"` with an expressible value. */
export interface SimpleRule {
  readonly attribute: string;
  readonly value: string;
  /** Whether the org's text is exactly what the project writes (otherwise the first apply rewrites it). */
  readonly canonical: boolean;
}

/**
 * Reads `user.<attribute>=="<value>"` (spaces around `==` allowed, `\"` and `\\` escapes), the only rule shape the
 * project declares, or explains why an expression is something else. The parsed rule is checked by writing it
 * back with the project's own `profileEquals`, so "simple" means exactly "the project can write this".
 */
export function parseSimpleRule(expression: string): SimpleRule | { readonly reason: string } {
  const match = /^\s*user\.([A-Za-z][A-Za-z0-9_]{0,49})\s*==\s*"((?:[^"\\]|\\["\\])*)"\s*$/.exec(expression);
  if (!match) return { reason: 'not of the form user.<attribute>=="<value>"' };
  const attribute = match[1] as string;
  const value = (match[2] as string).replace(/\\(["\\])/g, '$1');
  const expressible = ExpressibleTextSchema.safeParse(value);
  if (!expressible.success) return { reason: `the value ${JSON.stringify(value)} ${expressible.error.issues[0]?.message ?? 'is not expressible'}` };
  return { attribute, value, canonical: profileEquals(attribute, value) === expression };
}
