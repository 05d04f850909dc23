import { connect } from 'node:net';
import * as fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../src/http/strict-json';
import { jmlRequest } from '../../dev/harness/requests';
import { signedHeaders } from '../../dev/local/sign-request';
import { startStack, TestStack } from '../../dev/harness/stack';
import { Ledger, printTally } from './helpers/ledger';
import { storedKeys } from './helpers/table';

/**
 * Correctly signed bodies that are well-formed JSON (or nearly) but hostile: each class is generated, and every
 * delivery must get a 4xx in the bridge's JSON error shape while nothing is stored, queued or sent on.
 */
const RUNS = 60;

interface Sent {
  readonly status: number;
  readonly body: string;
}

const signedHeadersFor = (stack: TestStack, raw: Buffer, extra: Record<string, string> = {}) => signedHeaders(stack.webhookSecret, raw, { extra });

async function postSigned(stack: TestStack, raw: Buffer, extra: Record<string, string> = {}): Promise<Sent> {
  const response = await fetch(`${stack.bridge.url}/v1/jml`, { method: 'POST', headers: signedHeadersFor(stack, raw, extra), body: raw });
  return { status: response.status, body: await response.text() };
}

function expectRefusal(sent: Sent, status: number, mentions: RegExp): void {
  expect({ status: sent.status, body: sent.body }).toEqual({ status, body: expect.any(String) });
  const parsed = JSON.parse(sent.body) as { statusCode: number; error: string; message: string };
  expect(parsed).toEqual({ statusCode: status, error: expect.any(String), message: expect.stringMatching(mentions) });
}

/** A JSON key written with any mix of literal characters and `\uXXXX` escapes: the same key to a JSON parser. */
function spelled(key: string): fc.Arbitrary<string> {
  return fc
    .array(fc.boolean(), { minLength: key.length, maxLength: key.length })
    .map((escapes) => [...key].map((c, i) => (escapes[i] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join(''));
}

/** A valid joiner whose JSON text has one key of one object written twice (the second with another value). */
const duplicateKeyBody = fc
  .record({
    where: fc.constantFrom('top', 'user', 'approval'),
    pick: fc.nat(),
    value: fc.oneof(fc.constantFrom('"leaver"', '"someone.else@example.com"', '["jml-access-eng-linux-prod"]', 'null', '1'), fc.json()),
    spellingSeed: fc.nat(),
    before: fc.boolean(),
  })
  .chain(({ where, pick, value, before }) => {
    const request = jmlRequest('joiner');
    const objectOf = where === 'top' ? request : where === 'user' ? request.user : request.approvals[0];
    const keys = Object.keys(objectOf);
    const key = keys[pick % keys.length];
    return spelled(key).map((spelling) => {
      const text = JSON.stringify(request);
      // Insert `"<spelling>":<value>,` as the first member of the chosen object, or after its last member.
      const anchor =
        where === 'top' ? 0 : where === 'user' ? text.indexOf('"user":{') + '"user":'.length : text.indexOf('"approvals":[{') + '"approvals":['.length;
      const member = `"${spelling}":${value}`;
      if (before) {
        return Buffer.from(`${text.slice(0, anchor + 1)}${member},${text.slice(anchor + 1)}`);
      }
      const close = matchingBrace(text, anchor);
      return Buffer.from(`${text.slice(0, close)},${member}${text.slice(close)}`);
    });
  });

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error('unbalanced test JSON');
}

/** A valid joiner with a field nested deeper than the limit, up to a few thousand levels, in arrays and objects. */
const deepBody = fc
  .record({
    depth: fc.integer({ min: MAX_JSON_DEPTH, max: 6000 }),
    kinds: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    field: fc.constantFrom('top', 'user', 'groups'),
  })
  .map(({ depth, kinds, field }) => {
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
      const array = kinds[i % kinds.length];
      open += array ? '[' : '{"a":';
      close = (array ? ']' : '}') + close;
    }
    const nested = `${open}1${close}`;
    const text = JSON.stringify(jmlRequest('joiner'));
    if (field === 'groups') return Buffer.from(`${text.slice(0, -1)},"groups":[${nested}]}`);
    if (field === 'user') return Buffer.from(text.replace('"user":{', `"user":{"nested":${nested},`));
    return Buffer.from(`${text.slice(0, -1)},"nested":${nested}}`);
  });

/** Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, truncated, out of range, invalid lead. */
const invalidUtf8 = fc.constantFrom(
  [0x80],
  [0xbf],
  [0xc0, 0x80],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xfe],
  [0xff],
  [0xf0, 0x9f, 0x98],
);

/** A valid joiner with non-UTF-8 bytes inside one of the person's names. */
const nonUtf8Body = fc
  .record({ bytes: invalidUtf8, field: fc.constantFrom('firstName', 'lastName', 'department', 'title'), at: fc.nat({ max: 4 }) })
  .map(({ bytes, field, at }) => {
    const text = JSON.stringify(jmlRequest('joiner'));
    const marker = `"${field}":"`;
    const start = text.indexOf(marker) + marker.length + at;
    return Buffer.concat([Buffer.from(text.slice(0, start)), Buffer.from(bytes), Buffer.from(text.slice(start))]);
  });

/** Lone UTF-16 surrogates as JSON escapes: valid UTF-8 text, but not a string UTF-8 (or Okta) can hold. */
const loneSurrogateBody = fc
  .record({ unit: fc.integer({ min: 0xd800, max: 0xdfff }), field: fc.constantFrom('firstName', 'lastName') })
  .map(({ unit, field }) => {
    const request = jmlRequest('joiner');
    const text = JSON.stringify(request).replace(`"${field}":"`, `"${field}":"\\u${unit.toString(16)}`);
    return Buffer.from(text);
  });

/** Content headers other than exactly `application/json` (optionally `; charset=utf-8`) with no content coding. */
const badContentHeaders = fc.oneof(
  fc.record({
    'content-type': fc.constantFrom(
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/jsonx',
      'text/json',
      'application/x-json',
      'application/json5',
      'text/plain',
      'application/ld+json',
      'application/json; foo=bar',
      'application/json;',
      'application/json; charset=utf-16',
    ),
  }),
  fc.record({
    'content-type': fc
      .constantFrom('iso-8859-1', 'latin1', 'windows-1252', 'utf-16', 'utf-16le', 'us-ascii', 'utf-32', 'shift_jis', 'utf8mb4')
      .map((charset) => `application/json; charset=${charset}`),
  }),
  fc.record({
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8'),
    'content-encoding': fc.constantFrom('gzip', 'br', 'deflate', 'compress', 'identity', 'x-gzip', 'zstd', 'gzip, identity'),
  }),
);

describe('reliability: hostile bodies with a valid signature', () => {
  let stack: TestStack;
  const ledger = new Ledger();
  let enqueued = 0;
  let oktaEventsBefore = 0;

  beforeAll(async () => {
    stack = await startStack();
    const enqueue = stack.bridge.queue.enqueue.bind(stack.bridge.queue);
    stack.bridge.queue.enqueue = async (message) => {
      enqueued += 1;
      return enqueue(message);
    };
    oktaEventsBefore = stack.okta.logEvents().length;
  });
  afterAll(async () => {
    printTally('hostile-body', await ledger.tally(stack.bridge.store));
    await stack.close();
  });

  /** What every refusal must leave behind: nothing stored, queued, sent to Okta or ServiceNow, and a healthy server. */
  async function expectNothingHappened(): Promise<void> {
    await stack.settle();
    expect(await storedKeys(stack.env)).toEqual([]);
    expect(enqueued).toBe(0);
    expect(stack.okta.logEvents().length).toBe(oktaEventsBefore);
    expect(stack.serviceNow.requests()).toEqual([]);
    expect(stack.logs.filter((l) => /"level":"error"/.test(l) || l.includes('"event":"intake.accepted"'))).toEqual([]);
    const health = await fetch(`${stack.bridge.url}/health`);
    expect(health.status).toBe(200);
  }

  async function refuses(arbitrary: fc.Arbitrary<Buffer>, status: number, mentions: RegExp, extra: Record<string, string> = {}): Promise<void> {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (raw) => {
        const sent = await postSigned(stack, raw, extra);
        ledger.record('hostile', sent.status);
        expectRefusal(sent, status, mentions);
      }),
      { numRuns: RUNS },
    );
    await expectNothingHappened();
  }

  test('nesting deeper than the limit, up to thousands of levels, is a 400 (never a stack overflow and a 5xx)', async () => {
    await refuses(deepBody, 400, /deeper than \d+ levels/);
  });

  test('a key written twice at any depth, however it is spelled, is a 400', async () => {
    await refuses(duplicateKeyBody, 400, /twice/);
  });

  test('bytes that are not UTF-8 are a 400, not U+FFFD in Okta', async () => {
    await refuses(nonUtf8Body, 400, /not valid UTF-8/);
  });

  test('escaped lone surrogates are a 400', async () => {
    await refuses(loneSurrogateBody, 400, /surrogate/);
  });

  test('any other media type, a charset other than UTF-8 or any content coding is a 415', async () => {
    await fc.assert(
      fc.asyncProperty(badContentHeaders, async (headers) => {
        const raw = Buffer.from(JSON.stringify(jmlRequest('joiner')));
        const sent = await postSigned(stack, raw, headers);
        ledger.record('hostile', sent.status);
        expectRefusal(sent, 415, /content-type|content-encoding/);
      }),
      { numRuns: RUNS },
    );
    await expectNothingHappened();
  });

  test('exactly application/json, optionally with charset=utf-8 in any case, is still accepted', async () => {
    for (const contentType of ['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset="utf-8"']) {
      const request = jmlRequest('joiner');
      const raw = Buffer.from(JSON.stringify(request));
      const sent = await postSigned(stack, raw, { 'content-type': contentType });
      ledger.record(request.requestNumber, sent.status);
      expect({ contentType, status: sent.status }).toEqual({ contentType, status: 202 });
    }
    await stack.settle();
  });
});

describe("node's own refusals (malformed HTTP, oversized headers) in the bridge's JSON error shape", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ eventHook: false });
  });
  afterAll(() => stack.close());

  function rawExchange(request: string): Promise<string> {
    const { hostname, port } = new URL(stack.bridge.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.end(request);
    });
  }

  function parse(answer: string): { status: number; body: unknown } {
    const [head, ...rest] = answer.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), body: JSON.parse(rest.join('\r\n\r\n')) };
  }

  test('malformed request lines, headers or framing get a JSON 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'GARBAGE\r\n\r\n',
          'POST /v1/jml HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
          'POST /v1/jml HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
          'POST /v1/jml HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n',
          'POST /v1/jml HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
          'GET / HTTP/9.9\r\n\r\n',
        ),
        async (request) => {
          const answer = parse(await rawExchange(request));
          expect(answer).toEqual({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: expect.stringContaining('HTTP/1.1') } });
        },
      ),
      { numRuns: 12 },
    );
    expect((await fetch(`${stack.bridge.url}/health`)).status).toBe(200);
  });

  test("headers beyond node's size limit get a JSON 431", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 17 * 1024, max: 64 * 1024 }), fc.constantFrom('x-filler', 'webhook-signature', 'cookie'), async (size, name) => {
        const answer = parse(await rawExchange(`POST /v1/jml HTTP/1.1\r\nHost: x\r\n${name}: ${'a'.repeat(size)}\r\nContent-Length: 2\r\n\r\n{}`));
        expect(answer).toEqual({ status: 431, body: { statusCode: 431, error: 'Request Header Fields Too Large', message: expect.any(String) } });
      }),
      { numRuns: 8 },
    );
    expect((await fetch(`${stack.bridge.url}/health`)).status).toBe(200);
    expect(await storedKeys(stack.env)).toEqual([]);
  });
});
