/**
 * Parses a request body so that signed bytes mean exactly one thing, or refuses them with a clear reason.
 *
 * `JSON.parse` alone is too forgiving for a signed body: it replaces bytes that are not UTF-8 with U+FFFD, keeps the
 * last of two equal keys without a word (however the key is spelled: `"\u0061ction"` is `"action"`), and accepts any
 * depth, which a recursive check further on can overflow. This module refuses all three before anything reads the
 * value, without recursion, so every well-formed-but-hostile body gets a 4xx and never a 5xx.
 */

/** Deepest nesting of objects and arrays accepted; the JML request needs 3, Okta's event-hook payload about 8. */
export const MAX_JSON_DEPTH = 32;

/** Why a body was refused; `message` is safe to return to the sender. */
export class BodyRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyRejected';
  }
}

/** Lone UTF-16 surrogates (from `\ud800`-style escapes) cannot be written as UTF-8, so Okta would store U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Decodes UTF-8 strictly (a byte order mark is kept, so JSON parsing refuses it) and parses JSON, refusing
 * duplicate keys at any depth, nesting deeper than {@link MAX_JSON_DEPTH} and strings with lone surrogates.
 * @throws BodyRejected naming the problem and where it is
 */
export function parseStrictJson(raw: Uint8Array, maxDepth = MAX_JSON_DEPTH): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw new BodyRejected('body is not valid UTF-8; send the JSON encoded as UTF-8 (RFC 8259 section 8.1)');
  }
  // Depth first, on the raw text: JSON.parse itself must never see a body that could exhaust its stack.
  const tooDeep = firstTooDeep(text, maxDepth);
  if (tooDeep !== undefined) {
    throw new BodyRejected(`body nests objects and arrays deeper than ${maxDepth} levels (at character ${tooDeep}); a JML request needs 3`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BodyRejected(`body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The text is valid JSON now, so a flat scan of its tokens is enough to see every key and string.
  scanStructure(text);
  return value;
}

/** Offset of the first `{` or `[` (outside strings) that opens level `maxDepth + 1`, if any; safe on any text. */
function firstTooDeep(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        i += text[i] === '\\' ? 2 : 1;
      }
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth > maxDepth) {
        return i;
      }
    } else if (c === '}' || c === ']') {
      depth--;
    }
  }
  return undefined;
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
  readonly path: string;
  expectKey: boolean;
  lastKey: string;
  index: number;
}

function scanStructure(text: string): void {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', keys: new Set(), path: top ? childPath(top) : '(body)', expectKey: c === '{', lastKey: '', index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      if (top?.kind === 'object') {
        top.expectKey = true;
      } else if (top) {
        top.index++;
      }
    } else if (c === '"') {
      const end = endOfString(text, i);
      const decoded = JSON.parse(text.slice(i, end + 1)) as string;
      if (top?.kind === 'object' && top.expectKey) {
        top.expectKey = false;
        top.lastKey = decoded;
        if (top.keys.has(decoded)) {
          throw new BodyRejected(`body has the key '${printable(decoded)}' twice in ${top.path}; a signed request must mean one thing, send each key once`);
        }
        top.keys.add(decoded);
      }
      if (LONE_SURROGATE.test(decoded)) {
        throw new BodyRejected(`body has a string with a lone UTF-16 surrogate escape in ${top ? childPath(top) : '(body)'}; it cannot be stored as UTF-8`);
      }
      i = end;
    }
  }
}

/** Index of the quote closing the string that opens at `start` (the text is known to be valid JSON). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') {
    i += text[i] === '\\' ? 2 : 1;
  }
  return i;
}

function childPath(frame: Frame | undefined): string {
  if (!frame) {
    return '(body)';
  }
  const prefix = frame.path === '(body)' ? '' : frame.path;
  return frame.kind === 'array' ? `${prefix || '(body)'}[${frame.index}]` : prefix ? `${prefix}.${frame.lastKey}` : frame.lastKey;
}

function printable(key: string): string {
  return JSON.stringify(key.slice(0, 64)).slice(1, -1);
}
