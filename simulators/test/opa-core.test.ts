import { decodeJwt } from 'jose';
import type { OpaSimulator } from '../opa';
import { call, startTestOpa, TEST_KEY, tokenFor } from './opa-helpers';

describe('OPA simulator: service token, resource groups and projects, errors, rate limits', () => {
  let opa: OpaSimulator;
  beforeEach(async () => {
    opa = await startTestOpa();
  });
  afterEach(() => opa.close());

  test('the service token is a JWT with expires_at and team_name; the token call keeps no body in the request log', async () => {
    const issued = await call(opa, 'POST', '/v1/teams/example-team/service_token', { body: { key_id: TEST_KEY.keyId, key_secret: TEST_KEY.keySecret } });
    expect(issued.status).toBe(200);
    expect(issued.body.team_name).toBe('example-team');
    expect(Date.parse(issued.body.expires_at)).toBeGreaterThan(Date.now());
    expect(decodeJwt(issued.body.bearer_token).sub).toBe('svc-terraform');
    expect(JSON.stringify(opa.requests())).not.toContain(TEST_KEY.keySecret);
  });

  test('wrong secret is 401, malformed key id 400, unknown team 404, each with { type, code, message }', async () => {
    const wrong = await call(opa, 'POST', '/v1/teams/example-team/service_token', { body: { key_id: TEST_KEY.keyId, key_secret: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ type: 'authentication_error', code: 401, message: expect.any(String) });
    expect((await call(opa, 'POST', '/v1/teams/example-team/service_token', { body: { key_id: 'x', key_secret: 'y' } })).status).toBe(400);
    expect((await call(opa, 'POST', '/v1/teams/other/service_token', { body: { key_id: TEST_KEY.keyId, key_secret: TEST_KEY.keySecret } })).status).toBe(404);
  });

  test('seeded resource groups and projects are listed in the { list } envelope; unknown ids are 404', async () => {
    const group = opa.state.seedResourceGroup({ name: 'jml-engineering', description: 'Engineering' });
    const project = opa.state.seedProject(group.id, { name: 'windows-prod' });
    const token = await tokenFor(opa);
    const groups = await call(opa, 'GET', '/v1/teams/example-team/resource_groups', { token });
    expect(groups.body.list.map((g: { name: string }) => g.name)).toEqual(['jml-engineering']);
    const projects = await call(opa, 'GET', `/v1/teams/example-team/resource_groups/${group.id}/projects`, { token });
    expect(projects.body.list).toEqual([expect.objectContaining({ id: project.id, name: 'windows-prod', resource_group: group.id })]);
    const missing = await call(opa, 'GET', `/v1/teams/example-team/resource_groups/${group.id}/projects/00000000-0000-4000-8000-000000000000`, { token });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(404);
  });

  test('seeded policies and server password settings are read back as seeded', async () => {
    const group = opa.state.seedResourceGroup({ name: 'jml-finance' });
    const project = opa.state.seedProject(group.id, { name: 'windows' });
    const policy = opa.state.seedSecurityPolicy(group.id, { name: 'windows-rdp', rules: [{ name: 'rdp', conditions: [] }] });
    opa.state.seedServerPasswordSettings(project.id, { enable_periodic_rotation: true, periodic_rotation_duration_in_seconds: 86400 });
    const token = await tokenFor(opa);
    const policies = await call(opa, 'GET', '/v1/teams/example-team/security_policies', { token });
    expect(policies.body.list).toEqual([
      expect.objectContaining({ id: policy.id, name: 'windows-rdp', active: true, resource_group: { id: group.id, type: 'resource_group' } }),
    ]);
    expect((await call(opa, 'GET', `/v1/teams/example-team/security_policies/${policy.id}`, { token })).body.rules).toEqual([{ name: 'rdp', conditions: [] }]);
    const settings = await call(opa, 'GET', `/v1/teams/example-team/resource_groups/${group.id}/projects/${project.id}/server_password_settings`, { token });
    expect(settings.body).toEqual({ enable_periodic_rotation: true, periodic_rotation_duration_in_seconds: 86400 });
  });

  test('no token, a forged token and an expired token are all 401', async () => {
    expect((await call(opa, 'GET', '/v1/teams/example-team/resource_groups')).status).toBe(401);
    expect((await call(opa, 'GET', '/v1/teams/example-team/resource_groups', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' })).status).toBe(401);
    const token = await tokenFor(opa);
    opa.expireTokens();
    const expired = await call(opa, 'GET', '/v1/teams/example-team/resource_groups', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toContain('service_token');
  });

  test('a caller without the role is refused with 403', async () => {
    opa.state.seedServiceUser({ keyId: '11111111-1111-4111-8111-111111111111', keySecret: 's', roles: ['end_user'] });
    const issued = await call(opa, 'POST', '/v1/teams/example-team/service_token', {
      body: { key_id: '11111111-1111-4111-8111-111111111111', key_secret: 's' },
    });
    const refused = await call(opa, 'GET', '/v1/teams/example-team/resource_groups', { token: issued.body.bearer_token });
    expect(refused.status).toBe(403);
  });

  test('over the budget: 429 with X-RateLimit-Retry-At in unix seconds', async () => {
    await opa.close();
    opa = await startTestOpa({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const token = await tokenFor(opa);
    await call(opa, 'GET', '/v1/teams/example-team/resource_groups', { token });
    const limited = await call(opa, 'GET', '/v1/teams/example-team/resource_groups', { token });
    expect(limited.status).toBe(429);
    const retryAt = Number(limited.headers.get('x-ratelimit-retry-at'));
    expect(Number.isInteger(retryAt)).toBe(true);
    expect(retryAt * 1000).toBeGreaterThan(Date.now());
    opa.resetRateLimit();
    expect((await call(opa, 'GET', '/v1/teams/example-team/resource_groups', { token })).status).toBe(200);
  });
});
