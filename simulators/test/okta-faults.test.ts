import * as okta from '@okta/okta-sdk-nodejs';
import { startOktaSimulator, type OktaSimulator } from '../index';
import { waitUntil } from '../../test/helpers/wait';
import { accessToken, ALL_SCOPES, call, makeClientKey, type TestClientKey } from './helpers';

describe('Okta simulator: fault injection', () => {
  let sim: OktaSimulator;
  let token: string;
  let key: TestClientKey;

  beforeAll(async () => {
    key = await makeClientKey();
    sim = await startOktaSimulator({ clients: [{ clientId: '0oaFaults', publicJwk: key.publicJwk, grantedScopes: ALL_SCOPES }] });
    token = await accessToken(sim.url, '0oaFaults', key, ALL_SCOPES.join(' '));
    sim.seedUser({ profile: { login: 'f@example.com', email: 'f@example.com', firstName: 'F', lastName: 'G' } });
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());

  test('answers the next N matching requests with 5xx, then recovers', async () => {
    sim.faults.inject({ kind: 'status', status: 500, path: '/api/v1/users', times: 2 });
    const a = await call(sim.url, 'GET', '/api/v1/users/f@example.com', { token });
    expect([a.status, a.body.errorCode]).toEqual([500, 'E0000009']);
    expect(a.headers.get('x-okta-request-id')).toBeTruthy();
    expect((await call(sim.url, 'GET', '/api/v1/users/f@example.com', { token })).status).toBe(500);
    expect((await call(sim.url, 'GET', '/api/v1/users/f@example.com', { token })).status).toBe(200);
  });

  test('limits a fault to a path pattern and method', async () => {
    sim.faults.inject({ kind: 'status', status: 502, path: /\/lifecycle\//, method: 'POST', times: Infinity });
    expect((await call(sim.url, 'GET', '/api/v1/users/f@example.com', { token })).status).toBe(200);
    const id = sim.getUser('f@example.com')?.id as string;
    const gw = await call(sim.url, 'POST', `/api/v1/users/${id}/lifecycle/suspend`, { token });
    expect([gw.status, gw.body]).toEqual([502, 'Bad Gateway']);
    expect(sim.getUser(id)?.status).toBe('ACTIVE');
  });

  test('delays a response past a client timeout', async () => {
    sim.faults.inject({ kind: 'delay', delayMs: 500 });
    await expect(
      fetch(`${sim.url}/api/v1/users/f@example.com`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow(/timeout|aborted/i);
  });

  test('resets the connection', async () => {
    // Its own path: a request another test gave up on may still reach the simulator, and must not take this fault.
    sim.faults.inject({ kind: 'reset', path: '/api/v1/groups' });
    await expect(call(sim.url, 'GET', '/api/v1/groups', { token })).rejects.toThrow(/fetch failed/);
    expect((await call(sim.url, 'GET', '/api/v1/groups', { token })).status).toBe(200);
  });

  test('holds a request unanswered until released, and says when no request is held or delayed any more', async () => {
    sim.faults.inject({ kind: 'hold', method: 'GET', path: '/api/v1/users/f@example.com' });
    const held = call(sim.url, 'GET', '/api/v1/users/f@example.com', { token });
    await waitUntil(() => sim.faults.heldCount() === 1);
    let answered = false;
    void held.then(() => (answered = true));
    // Another request goes past it, and the held one is still unanswered afterwards.
    expect((await call(sim.url, 'GET', '/api/v1/groups', { token })).status).toBe(200);
    expect(answered).toBe(false);
    let idle = false;
    const becameIdle = sim.faults.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    sim.faults.release();
    await becameIdle;
    expect([(await held).status, sim.faults.heldCount()]).toEqual([200, 0]);
  });

  test('lets held requests go when its faults are cleared', async () => {
    sim.faults.inject({ kind: 'hold', path: '/api/v1/users/f@example.com' });
    const held = call(sim.url, 'GET', '/api/v1/users/f@example.com', { token });
    await waitUntil(() => sim.faults.heldCount() === 1);
    sim.faults.clear();
    expect((await held).status).toBe(200);
  });

  test('injects a 429 storm that the real SDK retries with X-Okta-Retry-For / X-Okta-Retry-Count', async () => {
    sim.faults.inject({ kind: 'rate-limit', path: '/api/v1/users/', times: 1, resetInSeconds: 0 });
    const client = new okta.Client({
      orgUrl: sim.url,
      authorizationMode: 'PrivateKey',
      clientId: '0oaFaults',
      scopes: ['okta.users.read'],
      privateKey: JSON.stringify(key.privateJwk),
      keyId: key.kid,
      cacheMiddleware: null,
    } as ConstructorParameters<typeof okta.Client>[0]);
    const retries: Array<Record<string, unknown>> = [];
    client.requestExecutor.on('resume', (request: { headers: Record<string, unknown> }) => retries.push(request.headers));
    const user = await client.userApi.getUser({ userId: 'f@example.com' });
    expect(user.profile?.login).toBe('f@example.com');
    expect(retries).toEqual([expect.objectContaining({ 'X-Okta-Retry-For': expect.any(String), 'X-Okta-Retry-Count': 1 })]);
  });
});
