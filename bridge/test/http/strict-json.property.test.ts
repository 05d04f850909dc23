import * as fc from 'fast-check';
import { unsupportedContent } from '../../src/http/content-headers';
import { decodeSecret, MIN_SECRET_BYTES } from '../../src/http/standard-webhooks';
import { BodyRejected, MAX_JSON_DEPTH, parseStrictJson } from '../../src/http/strict-json';

/** Depth of a parsed value: 0 for a scalar, 1 for a flat object or array. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

function rejection(raw: Buffer | string): string {
  try {
    parseStrictJson(typeof raw === 'string' ? Buffer.from(raw) : raw);
  } catch (error) {
    if (error instanceof BodyRejected) return error.message;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('strict JSON parsing of signed bodies', () => {
  test('any JSON without repeated keys, lone surrogates or excess depth reads exactly as JSON.parse reads it', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parseStrictJson(Buffer.from(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  test('a key repeated in any object, spelled with any escapes, is refused', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 5 }),
        fc.nat(),
        fc.array(fc.boolean(), { maxLength: 8 }),
        fc.nat({ max: 3 }),
        (object, pick, escapes, nesting) => {
          const keys = Object.keys(object);
          const key = keys[pick % keys.length];
          const spelling = [...key]
            .map((c, i) => (escapes[i % Math.max(1, escapes.length)] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : JSON.stringify(c).slice(1, -1)))
            .join('');
          let text = `${JSON.stringify(object).slice(0, -1)},"${spelling}":true}`;
          for (let i = 0; i < nesting; i++) text = i % 2 ? `[${text}]` : `{"level${i}":${text}}`;
          expect(rejection(text)).toMatch(/twice/);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('nesting beyond the limit is refused without recursion, however deep', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 200_000 }), fc.boolean(), (depth, arrays) => {
        const text = arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        expect(rejection(text)).toMatch(/deeper than/);
      }),
      { numRuns: 30 },
    );
    const atLimit = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(depthOf(parseStrictJson(Buffer.from(atLimit)))).toBe(MAX_JSON_DEPTH);
  });

  test('bytes that are not UTF-8 anywhere in the body are refused, and so is a byte order mark', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), (bytes, at) => {
        fc.pre(!isUtf8(bytes));
        const text = Buffer.from('{"a":"bcdefgh"}');
        const cut = 6 + (at % 7);
        expect(rejection(Buffer.concat([text.subarray(0, cut), Buffer.from(bytes), text.subarray(cut)]))).toMatch(/not valid UTF-8/);
      }),
      { numRuns: 200 },
    );
    expect(rejection(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]))).toMatch(/not valid JSON/);
  });
});

describe('content headers of the intake', () => {
  test('only application/json with at most charset=utf-8, and no content coding, is supported', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.option(fc.string({ maxLength: 12 }), { nil: undefined }), (contentType, encoding) => {
        const verdict = unsupportedContent({ 'content-type': contentType, ...(encoding === undefined ? {} : { 'content-encoding': encoding }) });
        const [type, ...params] = contentType.split(';').map((p) => p.trim());
        const ok = !encoding?.trim() && type.toLowerCase() === 'application/json' && params.every((p) => /^charset\s*=\s*"?utf-8"?$/i.test(p));
        expect(verdict === undefined).toBe(ok);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Standard Webhooks signing keys', () => {
  test(`keys shorter than ${MIN_SECRET_BYTES} bytes are refused, keys of ${MIN_SECRET_BYTES} bytes and more accepted`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (key) => {
        const secret = `whsec_${Buffer.from(key).toString('base64')}`;
        if (key.length < MIN_SECRET_BYTES) {
          expect(() => decodeSecret(secret)).toThrow(/24-64 random bytes/);
        } else {
          expect(decodeSecret(secret)).toEqual(Buffer.from(key));
        }
      }),
      { numRuns: 300 },
    );
  });
});

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
