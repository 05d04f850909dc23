import fc from 'fast-check';
import { decodeSecret, sign, verifyWebhook } from '../../src/http/standard-webhooks';

const key = decodeSecret(`whsec_${Buffer.alloc(32, 9).toString('base64')}`);
const now = 1_800_000_000;

describe('Standard Webhooks verification (properties)', () => {
  test('every body signed with the key verifies, whatever its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), fc.integer({ min: -300, max: 300 }), (bytes, id, skew) => {
        const body = Buffer.from(bytes);
        const headers = { 'webhook-id': id, 'webhook-timestamp': String(now + skew), 'webhook-signature': sign(key, id, now + skew, body) };
        expect(verifyWebhook({ keys: [key], headers, rawBody: body, nowSeconds: now })).toEqual({ webhookId: id, timestamp: now + skew });
      }),
    );
  });

  test('changing any one byte of the body makes verification fail', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, position, delta) => {
        const body = Buffer.from(bytes);
        const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now), 'webhook-signature': sign(key, 'msg_1', now, body) };
        const tampered = Buffer.from(body);
        const index = position % tampered.length;
        tampered[index] = (tampered[index] + delta) % 256;
        expect(() => verifyWebhook({ keys: [key], headers, rawBody: tampered, nowSeconds: now })).toThrow(/no v1 signature/);
      }),
    );
  });
});
