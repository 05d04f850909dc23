import fc from 'fast-check';
import { ExpressibleTextSchema } from '../../config/schema/common';
import { oelString, profileEquals } from '../../constructs/okta-expression';

/**
 * Reads one OEL double-quoted string literal from the start of `source` with backslash escapes, the way the
 * expression parser does, and returns its value and where it ended.
 */
function readLiteral(source: string): { value: string; end: number } {
  if (source[0] !== '"') throw new Error('literal must start with a quote');
  let value = '';
  for (let i = 1; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') {
      value += source[i + 1];
      i += 1;
    } else if (char === '"') {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  throw new Error('unterminated literal');
}

describe('Okta expression builders', () => {
  test('escapes quotes and backslashes', () => {
    expect(oelString('Legal "Counsel" \\ Compliance')).toBe('"Legal \\"Counsel\\" \\\\ Compliance"');
    expect(profileEquals('department', 'R&D')).toBe('user.department=="R&D"');
  });

  test('fails on a value with a line break, naming the fix', () => {
    expect(() => oelString('a\nb')).toThrow(/contains a control character or line break; remove it/);
  });

  test('fails on an attribute name that is not an identifier', () => {
    expect(() => profileEquals('department or true', 'x')).toThrow(/"department or true" is not an Okta profile attribute name/);
  });

  test('every value config accepts reads back as exactly one literal holding that value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (name) => {
        fc.pre(ExpressibleTextSchema.safeParse(name).success);
        const expression = profileEquals('department', name);
        const literal = expression.slice('user.department=='.length);
        const { value, end } = readLiteral(literal);
        expect(value).toBe(name);
        expect(end).toBe(literal.length);
      }),
      { numRuns: 2000 },
    );
  });

  test('values with quotes and backslashes never end the literal early', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('"', '\\', 'a', ' ', "'", ')', '|', 'é'), { minLength: 1, maxLength: 40 }), (parts) => {
        const name = parts.join('');
        const literal = oelString(name);
        expect(readLiteral(literal)).toEqual({ value: name, end: literal.length });
      }),
    );
  });

  test('config refuses exactly the values the builder cannot express', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), (name) => {
        const accepted = ExpressibleTextSchema.safeParse(name).success;
        let buildable = true;
        try {
          oelString(name);
        } catch {
          buildable = false;
        }
        if (accepted) expect(buildable).toBe(true);
        if (!buildable) expect(accepted).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
