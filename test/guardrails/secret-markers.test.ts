import fc from 'fast-check';
import { SECRET_SHAPES, secretKinds } from '../../guardrails/secrets';

/**
 * secretKinds scans a string with a shape's pattern only when the string contains the shape's marker (a synth
 * judges every attribute of 30,000 elements). The marker must be in every match, so skipping never misses a secret:
 * compared here with the patterns alone, on strings built from pieces of every shape.
 */
const PIECES = [
  'https://',
  'admin:hunter2@',
  'ftp://u:p@',
  '?token=',
  '&sig=abc',
  'AKIA',
  'ASIA',
  'ABCDEFGHIJKLMNOP',
  '-----BEGIN RSA PRIVATE KEY-----',
  '-----END RSA PRIVATE KEY-----',
  'eyJhbGciOiJIUzI1',
  '.',
  'SSWS ',
  '00abcdefghijklmnopqrstuvwxyz0123',
  'whsec_',
  'c2VjcmV0c2VjcmV0c2Vj',
  ' ',
  'x',
  '=',
  '@',
  ':',
  '/',
];

test('a shape is found with its marker check exactly when its pattern alone finds it', () => {
  const text = fc.oneof(
    fc.string(),
    fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 12 }).map((p) => p.join('')),
  );
  fc.assert(
    fc.property(text, (t) => {
      const byPatterns = SECRET_SHAPES.filter(({ pattern }) => {
        pattern.lastIndex = 0;
        const found = pattern.test(t);
        pattern.lastIndex = 0;
        return found;
      }).map((s) => s.kind);
      expect(secretKinds(t)).toEqual(byPatterns);
    }),
    { numRuns: 2000 },
  );
  // Each shape is found at least once by the pieces above, so none of the comparisons is vacuous.
  const joined = [
    'https://admin:hunter2@x',
    '?token=abc',
    'AKIAABCDEFGHIJKLMNOP',
    '-----BEGIN RSA PRIVATE KEY-----',
    'eyJhbGciOiJIUzI1.eyJhbGciOiJIUzI1.eyJhbGciOiJIUzI1',
    'SSWS 00abcdefghijklmnopqrstuvwxyz0123',
    'whsec_c2VjcmV0c2VjcmV0c2Vj',
  ];
  expect(secretKinds(joined.join(' '))).toEqual(SECRET_SHAPES.map((s) => s.kind));
});
