import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * cdktf resolves every element of every stack twice (once to prepare cross-stack references, once to write
 * cdk.tf.json) and then the whole merged document once more, and its resolver treats every value alike: for each
 * string, number, array and object it allocates a resolution context and a key path and runs three regular
 * expressions, even though nearly all of a stack is plain data (names, descriptions, expressions the config wrote).
 * That was most of a 30,000-resource synth (docs/benchmarks.md, section 1b).
 *
 * {@link resolvePlainDataFirst} copies plain data itself and hands every value that may hold a token to cdktf's own
 * resolver, unchanged and in the same order, so the result is the same by construction:
 *
 * - a string goes to cdktf when it contains `TfToken[` (the start of cdktf's string, list and map token markers),
 *   matches cdktf's number-token pattern, or is one of cdktf's map-token placeholder values; any other string is
 *   returned as it is, which is what cdktf does with it;
 * - a number goes to cdktf when it is an encoded token (`Token.isUnresolved`) or cdktf's map-token placeholder;
 * - an array goes to cdktf whole when an element is a list token (a string with `#{TfToken[`, or a number that is a
 *   number-list token: `Token.isUnresolved([n])`) or a number token; otherwise its elements are resolved in order,
 *   `undefined` ones dropped, as cdktf does (cdktf resolves each element alike when the array holds no list token);
 * - an object goes to cdktf whole when it is resolvable (has `resolve()`), looks like a construct, or has a key that
 *   may hold a token; otherwise its values are resolved key by key, `undefined` ones dropped, as cdktf does.
 *
 * Tokens resolved this way start with an empty key path, so the path in a resolution error is the path below the
 * value cdktf was handed, and a cyclic value is handed to cdktf after 100 levels, whose guard (200 more) reports it.
 * test/constructs/cdktf-internals.test.ts compares the two resolvers on generated values (fast-check).
 */

type Resolve = (scope: IConstruct, obj: unknown, preparing?: boolean) => unknown;

/** cdktf's `lib/_tokens` (cdktn's under scripts/resolve-cdktf-as-cdktn.js): the resolve every stack calls. */
const framework = require('cdktf/lib/_tokens') as { resolve: Resolve };
const frameworkResolve = framework.resolve;

/** cdktf's NUMBER_TOKEN_REGEX (tokens/private/encoding.js, `+` unescaped in the classes), whose match sends a string through number decoding. */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/** Levels copied here before a value is handed to cdktf, whose guard against cyclic values then reports it. */
const MAX_PLAIN_DEPTH = 100;

function isPlainString(s: string): boolean {
  return !s.includes('TfToken[') && !NUMBER_TOKEN.test(s) && s !== Token.STRING_MAP_TOKEN_VALUE && s !== Token.ANY_MAP_TOKEN_VALUE;
}

/** A number cdktf returns as it is: neither an encoded number token nor its map-token placeholder. */
function isPlainNumber(n: number): boolean {
  return n !== Token.NUMBER_MAP_TOKEN_VALUE && !Token.isUnresolved(n);
}

/** cdktf's own test (tokens/private/resolve.js `isConstruct`): such a value is an error, which cdktf raises. */
function looksLikeConstruct(x: object): boolean {
  return (x as { _children?: unknown })._children !== undefined && (x as { _metadata?: unknown })._metadata !== undefined;
}

/** Depth of {@link discardingPreparedResults} calls running now. */
let discarding = 0;

/**
 * Runs `prepare`, a stack's `prepareStack()`, in which cdktf (and cdktn) resolve every element in preparing mode only
 * for what resolving does (creating cross-stack outputs and remote state, recording function use) and throw the
 * result away: there, {@link resolvePlainDataFirst} resolves the same tokens in the same order and builds no copy.
 * (`_tokens.resolve` with `preparing` true has no other caller in either framework.)
 */
export function discardingPreparedResults<T>(prepare: () => T): T {
  discarding++;
  try {
    return prepare();
  } finally {
    discarding--;
  }
}

/**
 * The same result as cdktf's `resolve(scope, obj, preparing)` without cdktf's resolver for plain data; inside
 * {@link discardingPreparedResults}, a preparing resolve returns undefined and copies nothing.
 *
 * Unlike cdktf's, the result shares what resolution leaves unchanged with `obj` (a plain object or an array that
 * resolves to the same values is returned itself): cdktf's stacks only read what they resolve (they merge it into a
 * new document and write that), and the document is rebuilt from the constructs on every synth.
 */
export function resolvePlainDataFirst(scope: IConstruct, obj: unknown, preparing = false): unknown {
  const keep = !(preparing && discarding > 0);
  const byFramework = (x: unknown) => frameworkResolve(scope, x, preparing);
  const walk = (x: unknown, depth: number): unknown => {
    switch (typeof x) {
      case 'undefined':
        return undefined;
      case 'string':
        return isPlainString(x) ? x : byFramework(x);
      case 'number':
        return isPlainNumber(x) ? x : byFramework(x);
      case 'function':
        return byFramework(x);
      case 'object':
        break;
      default:
        return x;
    }
    if (x === null || x instanceof Date) return x;
    // A value this deep is cyclic: cdktf's resolver reports it (its own limit is 200 levels).
    if (depth > MAX_PLAIN_DEPTH) return byFramework(x);
    if (Array.isArray(x)) {
      for (const e of x)
        if (typeof e === 'number' ? !isPlainNumber(e) || Token.isUnresolved([e]) : typeof e === 'string' && e.includes('#{TfToken[')) return byFramework(x);
      // Copied from the first element that resolves to something else or is dropped (undefined, a hole); until then
      // `x` is the result.
      let out: unknown[] | undefined;
      for (let i = 0; i < x.length; i++) {
        const value = walk(x[i], depth + 1);
        if (!keep) continue;
        if (!out && (value !== x[i] || value === undefined)) out = x.slice(0, i);
        if (out && value !== undefined) out.push(value);
      }
      return keep ? (out ?? x) : undefined;
    }
    if (typeof (x as { resolve?: unknown }).resolve === 'function' || looksLikeConstruct(x)) return byFramework(x);
    // Every key is checked before any value is resolved, so that a value handed to cdktf is resolved once.
    const keys = Object.keys(x);
    for (const key of keys) if (!isPlainString(key)) return byFramework(x);
    // Only a plain object may be its own result (cdktf's is always a plain object: no prototype's toJSON survives).
    const shared = Object.getPrototypeOf(x) === Object.prototype;
    let out: Record<string, unknown> | undefined = shared ? undefined : {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = walk((x as Record<string, unknown>)[key], depth + 1);
      if (!keep) continue;
      if (!out && (value !== (x as Record<string, unknown>)[key] || value === undefined)) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = (x as Record<string, unknown>)[keys[j]];
      }
      if (out && value !== undefined) out[key] = value;
    }
    return keep ? (out ?? x) : undefined;
  };
  const resolved = walk(obj, 0);
  return keep ? resolved : undefined;
}

/** Makes every stack resolve through {@link resolvePlainDataFirst} (`true`) or through cdktf's resolve (`false`). */
export function resolvePlainDataDirectly(enabled: boolean): void {
  framework.resolve = enabled ? resolvePlainDataFirst : frameworkResolve;
}

/** cdktf's own resolve, for comparing the two. */
export const cdktfResolve: Resolve = frameworkResolve;
