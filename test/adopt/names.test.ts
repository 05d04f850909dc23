import fc from 'fast-check';
import { KeySchema } from '../../config/schema/common';
import { profileEquals } from '../../constructs/okta-expression';
import { keyFromName, keyOnScheme, parseSimpleRule } from '../../tools/adopt/names';

const attribute = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,20}$/);
/** Values the project can express: no control characters or line breaks, no surrounding white space. */
const expressible = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((v) => v.normalize('NFC') === v && v.trim() === v && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(v) && v.length > 0);

describe('parseSimpleRule', () => {
  test('reads back exactly what profileEquals writes, for any attribute and expressible value (quotes and backslashes too)', () => {
    fc.assert(
      fc.property(attribute, expressible, (attr, value) => {
        const parsed = parseSimpleRule(profileEquals(attr, value));
        expect(parsed).toEqual({ attribute: attr, value, canonical: true });
      }),
    );
  });

  test('accepts spacing around == as the same test, flagged as not canonical', () => {
    expect(parseSimpleRule('user.department == "Sales"')).toEqual({ attribute: 'department', value: 'Sales', canonical: false });
  });

  test.each([
    ['isMemberOfGroup("00g123")'],
    ['String.startsWith(user.department, "Eng")'],
    ['user.department=="A" OR user.department=="B"'],
    ["user.department=='Sales'"],
    ['user.department=="Sa"les"'],
    ['user.department=="bad\\nescape"'],
    ['user.managerId != null'],
  ])('refuses %s with a reason', (expression) => {
    expect(parseSimpleRule(expression)).toEqual({ reason: expect.any(String) });
  });

  test('refuses a value the project cannot write (control characters, surrounding white space)', () => {
    expect(parseSimpleRule('user.department==" Sales"')).toEqual({ reason: expect.stringMatching(/white space/) });
  });
});

describe('keyFromName', () => {
  test('always gives a valid config key, distinct from the keys already taken', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 60 }), { maxLength: 20 }), (names) => {
        const taken = new Set<string>();
        for (const name of names) {
          const key = keyFromName(name, taken);
          expect(KeySchema.safeParse(key).success).toBe(true);
          expect(taken.has(key)).toBe(false);
          taken.add(key);
        }
      }),
    );
  });

  test('keeps the key of a name on the scheme, and nothing else', () => {
    expect(keyOnScheme('jml-dept-engineering', 'jml', 'dept')).toBe('engineering');
    expect(keyOnScheme('jml-dept-Engineering', 'jml', 'dept')).toBeUndefined();
    expect(keyOnScheme('Dept: Engineering', 'jml', 'dept')).toBeUndefined();
    expect(keyFromName('Sales & Marketing', new Set())).toBe('sales-marketing');
    expect(keyFromName('2024 Interns', new Set())).toBe('g-2024-interns');
  });
});
