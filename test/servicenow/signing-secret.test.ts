import * as fc from 'fast-check';
import { decodeSecret, verifyWebhook } from '../../bridge/src/http/standard-webhooks';
import { loadScriptSource } from '../../constructs/jml-signing-script';
import { type GlideWorld, loadScripts } from './helpers/glide-stand-ins';
import { accepted, JOINER, newSecret, requestItem, worldWith } from './helpers/fixtures';

/**
 * The signing secret property as an administrator may really leave it: rotated secrets separated by any white
 * space (read like the bridge reads its own), or a malformed value. A malformed secret must never mean "no delivery
 * and no word": the item always gets a work note, and the note never contains the secret.
 */
const SCRIPT = loadScriptSource('JmlBridgeClient.js');

function clientIn(world: GlideWorld) {
  return new (loadScripts(world, SCRIPT).JmlBridgeClient)();
}

const whitespace = fc.array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\u000b', '\f'), { minLength: 1, maxLength: 3 }).map((s) => s.join(''));

describe('the ServiceNow signing script and its secret property', () => {
  test('rotated secrets separated by any white space are all used, as the bridge splits its own', () => {
    fc.assert(
      fc.property(whitespace, fc.option(whitespace, { nil: '' }), fc.option(whitespace, { nil: '' }), (separator, before, after) => {
        const [oldSecret, newOne] = [newSecret(), newSecret()];
        const world = worldWith(`${before}${oldSecret}${separator}${newOne}${after}`, { answers: [accepted('corr-rotation')] });
        expect(clientIn(world).sendApproved(requestItem(JOINER))).toBe('corr-rotation');
        const [sent] = world.sent;
        expect(sent.headers['webhook-signature'].split(' ')).toHaveLength(2);
        for (const secret of [oldSecret, newOne]) {
          expect(() =>
            verifyWebhook({ keys: [decodeSecret(secret)], headers: sent.headers, rawBody: Buffer.from(sent.body, 'utf8'), nowSeconds: world.nowMs / 1000 }),
          ).not.toThrow();
        }
      }),
      { numRuns: 40 },
    );
  });

  test('a malformed secret sends nothing, leaves a work note saying so, and never echoes the secret', () => {
    const malformed = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 23 }).map((b) => `whsec_${Buffer.from(b).toString('base64')}`),
      fc
        .string({ minLength: 1, maxLength: 40 })
        .filter((s) => /[^A-Za-z0-9+/=\s]/.test(s) && s.trim() !== '')
        .map((s) => `whsec_${s}`),
      fc.constant(`${newSecret()} whsec_short`),
      fc.constant('whsec_'),
    );
    fc.assert(
      fc.property(malformed, (secret) => {
        const world = worldWith(secret, { answers: [accepted('never')] });
        const item = requestItem(JOINER);
        expect(clientIn(world).sendApproved(item)).toBeNull();
        expect(world.sent).toHaveLength(0);
        expect(item.workNotes).toHaveLength(1);
        expect(item.workNotes[0]).toMatch(/was not sent: .*jml\.bridge\.signing_secret/);
        // Long enough to be recognisable; a one-character "secret" may of course appear in any sentence.
        for (const key of secret
          .split(/\s+/)
          .map((p) => p.replace(/^whsec_/, ''))
          .filter((k) => k.length >= 8)) {
          expect(item.workNotes[0]).not.toContain(key);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('when the platform cannot compute the MAC, nothing is sent, nothing is retried, and the item gets a work note', () => {
    const world = worldWith(newSecret(), { answers: [accepted('never')] });
    const client = clientIn(world) as ReturnType<typeof clientIn> & { _mac: (key: string, data: string) => string };
    client._mac = () => {
      throw new Error('com.glide.crypto: bad key');
    };
    const item = requestItem(JOINER);
    expect(client.sendApproved(item)).toBeNull();
    expect(world.sent).toHaveLength(0);
    expect(world.sleeps).toEqual([]);
    expect(item.workNotes).toEqual([expect.stringMatching(/did not accept RITM0010001: nothing was sent: the platform could not compute the signature/)]);
  });
});
