import { startOktaSimulator, type OktaSimulator } from '../index';
import { accessToken, call, makeClientKey } from './helpers';

describe('Okta simulator: governance request sequences and app lookup', () => {
  let okta: OktaSimulator;
  let token: string;
  let appsToken: string;
  const resourceId = '0oaServerAccess000001';

  beforeAll(async () => {
    const key = await makeClientKey();
    okta = await startOktaSimulator({
      clients: [{ clientId: '0oaDiscovery', publicJwk: key.publicJwk, grantedScopes: ['okta.accessRequests.condition.read', 'okta.apps.read'] }],
      apps: [
        { label: 'Okta Privileged Access', name: 'okta_pam', id: resourceId },
        { label: 'ServiceNow', name: 'servicenow_app2' },
      ],
      requestSequences: {
        [resourceId]: [
          { id: '673b6e662088ea0006d10ff3', name: 'Manager approval', description: 'Requester manager approves' },
          { name: 'Manager then owner' },
          { name: 'Security review', compatibleResourceTypes: ['GROUP'] },
        ],
      },
    });
    token = await accessToken(okta.url, '0oaDiscovery', key, 'okta.accessRequests.condition.read');
    appsToken = await accessToken(okta.url, '0oaDiscovery', key, 'okta.apps.read');
  });
  afterAll(() => okta.close());

  const path = `/governance/api/v2/resources/${resourceId}/request-sequences`;

  test('lists a resource request sequences in the documented { data, _links } shape', async () => {
    const res = await call(okta.url, 'GET', path, { token });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(3);
    expect(res.body.data[0]).toMatchObject({
      id: '673b6e662088ea0006d10ff3',
      name: 'Manager approval',
      description: 'Requester manager approves',
      compatibleResourceTypes: ['APP', 'GROUP'],
    });
    expect(res.body.data[1].id).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body._links).toMatchObject({ self: { href: expect.any(String) }, newSequence: { href: expect.any(String) } });
    expect(res.body._links.next).toBeUndefined();
    expect(res.headers.get('x-rate-limit-limit')).toBeTruthy();
  });

  test('pages with limit and after, linking the next page', async () => {
    const first = await call(okta.url, 'GET', `${path}?limit=2`, { token });
    expect(first.body.data.map((s: { name: string }) => s.name)).toEqual(['Manager approval', 'Manager then owner']);
    const next = new URL(first.body._links.next.href);
    expect(next.searchParams.get('after')).toBe(first.body.data[1].id);
    const second = await call(okta.url, 'GET', next.pathname + next.search, { token });
    expect(second.body.data.map((s: { name: string }) => s.name)).toEqual(['Security review']);
    expect(second.body._links.next).toBeUndefined();
  });

  test('answers 404 for an unknown resource and 403 without the scope', async () => {
    const unknown = await call(okta.url, 'GET', '/governance/api/v2/resources/0oaUnknown/request-sequences', { token });
    expect([unknown.status, unknown.body.errorCode]).toEqual([404, 'E0000007']);
    const noScope = await call(okta.url, 'GET', path, { token: appsToken });
    expect(noScope.status).toBe(403);
  });

  test('finds an app by label with q', async () => {
    const res = await call(okta.url, 'GET', `/api/v1/apps?q=${encodeURIComponent('Okta Priv')}`, { token: appsToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ id: resourceId, label: 'Okta Privileged Access', status: 'ACTIVE' })]);
  });
});
