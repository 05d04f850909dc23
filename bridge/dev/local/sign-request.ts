import { randomUUID } from 'node:crypto';
import { decodeSecret, sign } from '../../src/http/standard-webhooks';

/**
 * The Standard Webhooks headers the ServiceNow script include sends with `rawBody` under `secret`: a fresh webhook-id
 * and the current time unless given, the signature over exactly those bytes. One place for the demo, the tests and the
 * benchmarks; `extra` headers come first, so they can never replace a signature header.
 */
export function signedHeaders(
  secret: string,
  rawBody: Buffer | string,
  options: { webhookId?: string; timestamp?: number; signature?: string; extra?: Record<string, string> } = {},
): Record<string, string> {
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    ...options.extra,
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': options.signature ?? sign(decodeSecret(secret), webhookId, timestamp, rawBody),
  };
}

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
  const response = await fetch(`${url}/v1/jml`, { method: 'POST', headers: signedHeaders(options.secret, rawBody, options), body: rawBody });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
