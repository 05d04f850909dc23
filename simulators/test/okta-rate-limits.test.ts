import { startOktaSimulator, WORKFORCE_LIMITS, type OktaSimulator } from '../index';
import { accessToken, ALL_SCOPES, call, makeClientKey } from './helpers';
import { waitUntil } from '../../test/helpers/wait';

describe('Okta simulator: rate limits', () => {
  let okta: OktaSimulator;
  let token: string;

  beforeAll(async () => {
    const key = await makeClientKey();
    okta = await startOktaSimulator({
      clients: [{ clientId: '0oaRate', publicJwk: key.publicJwk, grantedScopes: ALL_SCOPES }],
      rateLimits: { windowMs: 1500, limits: { 'user-get': 3, 'users-create-list': 5 } },
    });
    token = await accessToken(okta.url, '0oaRate', key, ALL_SCOPES.join(' '));
    okta.seedUser({ profile: { login: 'rl@example.com', email: 'rl@example.com', firstName: 'R', lastName: 'L' } });
  });
  afterAll(() => okta.close());

  test('sends X-Okta-Request-Id, Date and per-bucket X-Rate-Limit-* headers, then 429 E0000047 at the limit', async () => {
    okta.resetRateLimits();
    const ids = new Set<string>();
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(okta.url, 'GET', '/api/v1/users/rl@example.com', { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-rate-limit-limit')).toBe('3');
      expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      expect(res.headers.get('date')).toBeTruthy();
      ids.add(res.headers.get('x-okta-request-id') as string);
      remaining.push(res.headers.get('x-rate-limit-remaining') as string);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    expect(ids.size).toBe(3);
    const limited = await call(okta.url, 'GET', '/api/v1/users/rl@example.com', { token });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    // Another bucket is unaffected.
    const list = await call(okta.url, 'GET', '/api/v1/users', { token });
    expect([list.status, list.headers.get('x-rate-limit-limit')]).toEqual([200, '5']);
  });

  test('recovers once the window has passed', async () => {
    okta.resetRateLimits();
    for (let i = 0; i < 3; i++) {
      await call(okta.url, 'GET', '/api/v1/users/rl@example.com', { token });
    }
    expect((await call(okta.url, 'GET', '/api/v1/users/rl@example.com', { token })).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const after = await call(okta.url, 'GET', '/api/v1/users/rl@example.com', { token });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-rate-limit-remaining')).toBe('2');
  });

  test('counts unauthenticated calls against the bucket too (assumed)', async () => {
    okta.resetRateLimits();
    const res = await call(okta.url, 'GET', '/api/v1/users/rl@example.com');
    expect(res.status).toBe(401);
    expect(res.headers.get('x-rate-limit-remaining')).toBe('2');
  });

  test('answers 429 with 0/0 headers beyond the concurrency limit', async () => {
    const key = await makeClientKey();
    const narrow = await startOktaSimulator({
      clients: [{ clientId: '0oaNarrow', publicJwk: key.publicJwk, grantedScopes: ['okta.groups.read'] }],
      concurrencyLimit: 1,
    });
    try {
      const narrowToken = await accessToken(narrow.url, '0oaNarrow', key, 'okta.groups.read');
      narrow.faults.inject({ kind: 'hold', path: '/api/v1/groups' });
      const slow = call(narrow.url, 'GET', '/api/v1/groups', { token: narrowToken });
      await waitUntil(() => narrow.faults.heldCount() === 1);
      const second = await call(narrow.url, 'GET', '/api/v1/groups', { token: narrowToken });
      expect(second.status).toBe(429);
      expect([second.headers.get('x-rate-limit-limit'), second.headers.get('x-rate-limit-remaining')]).toEqual(['0', '0']);
      narrow.faults.release();
      expect((await slow).status).toBe(200);
    } finally {
      await narrow.close();
    }
  });

  test('defaults mirror the Workforce column and scale', async () => {
    const scaled = await startOktaSimulator({ rateLimits: { scale: 0.01 } });
    try {
      const res = await call(scaled.url, 'GET', '/api/v1/groups');
      expect(res.headers.get('x-rate-limit-limit')).toBe(String(Math.ceil(WORKFORCE_LIMITS['groups-create-list'] * 0.01)));
    } finally {
      await scaled.close();
    }
    expect(WORKFORCE_LIMITS).toMatchObject({ 'users-create-list': 600, 'user-update': 600, 'user-get': 2000, 'groups-create-list': 500, other: 1200 });
  });
});
