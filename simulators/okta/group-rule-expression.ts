/**
 * The Okta Expression Language subset the project's group rules use: `user.<attribute>=="<literal>"`
 * (built by `constructs/okta-expression`). The simulator evaluates only this form, and refuses anything else when
 * the rule is configured, so a test never silently runs a rule the simulator does not understand.
 */

/** A parsed `user.<attribute>=="<value>"` condition. */
export interface ProfileEqualsCondition {
  readonly attribute: string;
  readonly value: string;
}

/** Profile attribute names, as the project's generator allows them. */
const ATTRIBUTE = /^[a-zA-Z][a-zA-Z0-9_]{0,49}$/;

/**
 * Parses `user.<attribute>=="<literal>"`, with optional spaces around `==`. The literal is double-quoted and takes
 * the backslash escapes `\"` and `\\` (OEL string literals escape like the SpEL they derive from; other escapes are
 * refused because the project never writes them and their meaning in OEL is unverified).
 */
export function parseProfileEquals(expression: string): ProfileEqualsCondition {
  const refuse = (why: string): never => {
    throw new Error(
      `group rule expression ${JSON.stringify(expression)} is not supported: ${why}. ` +
        'The simulator evaluates only user.<attribute>=="<value>" (as constructs/okta-expression profileEquals writes it)',
    );
  };
  const text = expression.trim();
  const eq = /^user\.([^=\s]+)\s*==\s*/.exec(text);
  if (!eq) {
    return refuse('it does not start with user.<attribute>==');
  }
  const attribute = eq[1];
  if (!ATTRIBUTE.test(attribute)) {
    return refuse(`"${attribute}" is not a profile attribute name (letters, digits and _)`);
  }
  const rest = text.slice(eq[0].length);
  if (!rest.startsWith('"')) {
    return refuse('the right-hand side is not a double-quoted string literal');
  }
  let value = '';
  let i = 1;
  for (; i < rest.length; i += 1) {
    const c = rest[i];
    if (c === '"') {
      break;
    }
    if (c === '\\') {
      const next = rest[i + 1];
      if (next !== '"' && next !== '\\') {
        return refuse(`the escape \\${next ?? ''} at offset ${eq[0].length + i} is not \\" or \\\\`);
      }
      value += next;
      i += 1;
      continue;
    }
    value += c;
  }
  if (i >= rest.length) {
    return refuse('the string literal is not closed with "');
  }
  if (rest.slice(i + 1).trim() !== '') {
    return refuse(`there is more after the string literal: ${JSON.stringify(rest.slice(i + 1))}`);
  }
  return { attribute, value };
}

/**
 * OEL `==` on strings compares exactly (case-sensitive, as in SpEL; assumed for Okta). A missing, null or
 * non-string attribute never equals a string literal.
 */
export function matchesProfileEquals(condition: ProfileEqualsCondition, profile: Readonly<Record<string, unknown>>): boolean {
  const actual = profile[condition.attribute];
  return typeof actual === 'string' && actual === condition.value;
}
