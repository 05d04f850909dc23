import { randomUUID } from 'node:crypto';
import { startOpaSimulator, type OpaSimulator, type OpaSimulatorOptions } from '../opa';

/** A throw-away service-user key for tests (never a real credential). */
export const TEST_KEY = { keyId: randomUUID(), keySecret: `test-secret-${randomUUID()}` };

export async function startTestOpa(options: OpaSimulatorOptions = {}): Promise<OpaSimulator> {
  return startOpaSimulator({ team: 'example-team', serviceUsers: [{ ...TEST_KEY, name: 'svc-terraform' }], ...options });
}

/** One JSON call; returns status, headers and the parsed body (undefined when empty). */
export async function call(opa: OpaSimulator, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${opa.url}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

/** A bearer token for the test service user. */
export async function tokenFor(opa: OpaSimulator): Promise<string> {
  const issued = await call(opa, 'POST', `/v1/teams/${opa.team}/service_token`, { body: { key_id: TEST_KEY.keyId, key_secret: TEST_KEY.keySecret } });
  if (issued.status !== 200) throw new Error(`service token: ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body.bearer_token as string;
}
