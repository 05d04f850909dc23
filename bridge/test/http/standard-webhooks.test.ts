import { createHmac } from 'node:crypto';
import { decodeSecret, sign, SignatureError, verifyWebhook } from '../../src/http/standard-webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const key = decodeSecret(SECRET);
const body = Buffer.from('{"test": 2432232314}');
const now = 1_700_000_000;

function headers(overrides: Record<string, string | undefined> = {}) {
  return {
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': String(now),
    'webhook-signature': sign(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', now, body),
    ...overrides,
  };
}

describe('Standard Webhooks verification', () => {
  test('signs `${id}.${timestamp}.${body}` with HMAC-SHA256 as v1,<base64>', () => {
    const expected = createHmac('sha256', key).update(`msg_p5jXN8AQM9LWM0D4loKWxJek.${now}.${body.toString()}`).digest('base64');
    expect(sign(key, 'msg_p5jXN8AQM9LWM0D4loKWxJek', now, body)).toBe(`v1,${expected}`);
  });

  test('accepts a good signature and returns the id and timestamp', () => {
    expect(verifyWebhook({ keys: [key], headers: headers(), rawBody: body, nowSeconds: now })).toEqual({
      webhookId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: now,
    });
  });

  test('accepts any matching v1 entry among several, and any of several keys (rotation)', () => {
    const other = decodeSecret(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    const sig = `v1a,ignored v1,${Buffer.alloc(32).toString('base64')} ${headers()['webhook-signature']}`;
    expect(() => verifyWebhook({ keys: [other, key], headers: headers({ 'webhook-signature': sig }), rawBody: body, nowSeconds: now })).not.toThrow();
  });

  test('fails when one byte of the body changed', () => {
    const tampered = Buffer.from('{"test": 2432232315}');
    expect(() => verifyWebhook({ keys: [key], headers: headers(), rawBody: tampered, nowSeconds: now })).toThrow(/no v1 signature .* matches/);
  });

  test('fails for a timestamp older or newer than the tolerance, naming the skew', () => {
    expect(() => verifyWebhook({ keys: [key], headers: headers(), rawBody: body, nowSeconds: now + 301 })).toThrow(/301 s old, beyond the 300 s tolerance/);
    expect(() => verifyWebhook({ keys: [key], headers: headers(), rawBody: body, nowSeconds: now - 400 })).toThrow(/400 s in the future/);
  });

  test('fails for missing headers, naming each', () => {
    expect(() =>
      verifyWebhook({ keys: [key], headers: headers({ 'webhook-id': undefined, 'webhook-signature': undefined }), rawBody: body, nowSeconds: now }),
    ).toThrow(/missing Standard Webhooks header\(s\): webhook-id, webhook-signature/);
  });

  test('fails for a non-numeric timestamp and for an id containing a dot', () => {
    expect(() => verifyWebhook({ keys: [key], headers: headers({ 'webhook-timestamp': '2026-11-29' }), rawBody: body, nowSeconds: now })).toThrow(
      SignatureError,
    );
    expect(() => verifyWebhook({ keys: [key], headers: headers({ 'webhook-id': 'a.b' }), rawBody: body, nowSeconds: now })).toThrow(/must not contain "."/);
  });

  test('rejects a secret that is not whsec_ base64 without echoing it', () => {
    expect(() => decodeSecret('whsec_not base64!')).toThrow(/whsec_ followed by the base64/);
    expect(() => decodeSecret('whsec_c2hvcnQ=')).toThrow(/24-64 random bytes/);
  });
});
