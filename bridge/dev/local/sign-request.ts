import { randomUUID } from 'node:crypto';
import { decodeSecret, sign } from '../../src/http/standard-webhooks';

/**
 * Signs and POSTs a JML request the way the ServiceNow script include does (Standard Webhooks headers over the exact
 * body bytes). Used by the demo and the tests.
 */
export async function postSignedRequest(
  url: string,
  body: unknown,
  options: { secret: string; webhookId?: string; timestamp?: number; rawBody?: string; signature?: string },
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const rawBody = options.rawBody ?? JSON.stringify(body);
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? sign(decodeSecret(options.secret), webhookId, timestamp, rawBody);
  const response = await fetch(`${url}/v1/jml`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
    body: rawBody,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
