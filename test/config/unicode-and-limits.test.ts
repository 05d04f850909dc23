import fc from 'fast-check';
import { JML_FIELD_LIMITS } from '../../bridge/contract/limits';
import { identityLookAlikes } from '../../config/load';
import { visualSkeleton } from '../../config/unicode';
import { exampleWith, problemsOf } from '../helpers/config';

/** A word of Latin letters with at least one accent that has a precomposed form (so NFC and NFD differ). */
const accented = fc
  .tuple(fc.stringMatching(/^[A-Za-z]{1,10}$/), fc.constantFrom('é', 'ü', 'ñ', 'Å', 'ç', 'ô', 'ǘ'), fc.stringMatching(/^[a-z ]{0,10}[a-z]$/))
  .map(([head, accent, tail]) => `${head}${accent}${tail}`);

describe('Unicode in environment files', () => {
  test('values are loaded in NFC, so the config says what Terraform (which normalizes to NFC) will read', () => {
    fc.assert(
      fc.property(accented, (word) => {
        const config = exampleWith((raw) => {
          raw.identity.departments[0].value = word.normalize('NFD');
        });
        expect(config.identity.departments[0].value).toBe(word.normalize('NFC'));
      }),
      { numRuns: 50 },
    );
  });

  test('two departments or two roles that differ only in normalization are a validation error naming both', () => {
    fc.assert(
      fc.property(accented, fc.constantFrom('departments', 'roles'), (word, section) => {
        const problems = problemsOf((raw) => {
          raw.identity[section][0].value = word.normalize('NFC');
          raw.identity[section][1].value = word.normalize('NFD');
        });
        expect(problems).toContainEqual(
          expect.stringMatching(
            new RegExp(`^identity\\.${section}\\[1\\]\\.value: is the same text as identity\\.${section}\\[0\\]\\.value once both are in Unicode NFC`),
          ),
        );
      }),
      { numRuns: 50 },
    );
  });

  test('two keys of one mapping that are the same text in NFC are reported, not silently merged', () => {
    fc.assert(
      fc.property(accented, (word) => {
        const problems = problemsOf((raw) => {
          raw.identity[word.normalize('NFC')] = 'a';
          raw.identity[word.normalize('NFD')] = 'b';
        });
        expect(problems).toEqual([
          `identity.${word.normalize('NFC')}: this key and the key "${word.normalize('NFC')}" before it are the same text in Unicode NFC (which Terraform applies); keep one`,
        ]);
      }),
      { numRuns: 30 },
    );
  });

  test('values that look alike (other scripts, full-width forms, invisible characters) are reported, distinct ones are not', () => {
    const swaps: Array<[RegExp, string]> = [
      [/e/, 'е'],
      [/a/, 'а'],
      [/o/, 'ο'],
      [/^(.)/, '$1\u200b'],
    ];
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][a-z]{3,12}$/).filter((w) => /[eao]/.test(w)),
        (word) => {
          const [pattern, replacement] = swaps.find(([p]) => p.test(word)) ?? swaps[3];
          const lookAlike = word.replace(pattern, replacement);
          const config = exampleWith((raw) => {
            raw.identity.departments[0].value = word;
            raw.identity.departments[1].value = lookAlike;
          });
          expect(identityLookAlikes(config)).toEqual([
            expect.stringMatching(/^identity\.departments\[1\]\.value: .* looks like .*identity\.departments\[0\]\.value/),
          ]);
        },
      ),
      { numRuns: 50 },
    );
    expect(identityLookAlikes(exampleWith())).toEqual([]);
    expect(visualSkeleton('Ｅｎｇｉｎｅｅｒｉｎｇ')).toBe(visualSkeleton('Engineering'));
  });
});

describe('department and title length: one limit for config and the bridge', () => {
  test('config accepts exactly the department and title lengths the bridge accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 220 }), fc.constantFrom('department', 'title'), (length, field) => {
        const value = `A${'b'.repeat(length - 1)}`;
        const change = (raw: Record<string, any>): void => {
          if (field === 'department') raw.identity.departments[0].value = value;
          else raw.identity.roles.find((r: { attribute?: string }) => (r.attribute ?? 'title') === 'title').value = value;
        };
        const limit = JML_FIELD_LIMITS[field];
        if (length <= limit) {
          expect(() => exampleWith(change)).not.toThrow();
        } else {
          expect(problemsOf(change)).toContainEqual(expect.stringContaining(`must be at most ${limit} characters`));
        }
      }),
      { numRuns: 60 },
    );
  });
});
