/**
 * Builders for Okta Expression Language (OEL) used by group rules.
 *
 * OEL strings are double-quoted and take backslash escapes, as in the SpEL it derives from; only `"` and `\`
 * need escaping. Characters with no safe literal form (control characters, line separators) are refused by
 * config validation (`ExpressibleTextSchema`), and refused again here so no caller can bypass it.
 */

/** Characters that have no safe representation inside an OEL string literal. */
const UNEXPRESSIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cs}/u;

/** Profile attribute names are identifiers; anything else would let a value change the expression's meaning. */
const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,49}$/;

/** Quotes `value` as an OEL string literal. Throws when `value` cannot be written safely. */
export function oelString(value: string): string {
  if (UNEXPRESSIBLE.test(value)) {
    throw new Error(`cannot write ${JSON.stringify(value)} as an Okta expression string: it contains a control character or line break; remove it`);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `user.<attribute>=="<value>"`: true when the user's profile attribute equals `value` exactly. */
export function profileEquals(attribute: string, value: string): string {
  if (!ATTRIBUTE_NAME.test(attribute)) {
    throw new Error(`"${attribute}" is not an Okta profile attribute name; use letters, digits and _ only, e.g. "department"`);
  }
  return `user.${attribute}==${oelString(value)}`;
}
