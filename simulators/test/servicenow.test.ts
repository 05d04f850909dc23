import { startServiceNowSimulator, type ServiceNowSimulator } from '../index';
import { call } from './helpers';

const basic = (user: string, password: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('ServiceNow simulator: Table API on sc_req_item', () => {
  let sn: ServiceNowSimulator;
  const bridge = basic('svc.okta_bridge', 'bridge-pass');

  beforeAll(async () => {
    sn = await startServiceNowSimulator({
      users: [
        { username: 'svc.okta_bridge', password: 'bridge-pass' },
        { username: 'svc.readonly', password: 'ro-pass', writableTables: [] },
      ],
      oauthClients: [
        { clientId: 'bridge-client', clientSecret: 'client-secret' },
        { clientId: 'cc-client', clientSecret: 'cc-secret', applicationUser: 'svc.okta_bridge' },
      ],
    });
  });
  afterAll(() => sn.close());

  test('resolves a RITM number to its sys_id with sysparm_query and sysparm_fields', async () => {
    const ritm = sn.seedRequestItem({ short_description: 'New hire: Ada Lovelace' });
    sn.seedRequestItem();
    const res = await call(sn.url, 'GET', `/api/now/table/sc_req_item?sysparm_query=number=${ritm.number}&sysparm_fields=sys_id,number`, {
      headers: bridge,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: [{ sys_id: ritm.sys_id, number: ritm.number }] });
    expect(res.headers.get('x-total-count')).toBe('1');
    expect(ritm.sys_id).toMatch(/^[0-9a-f]{32}$/);
    expect(ritm.number).toMatch(/^RITM\d{7}$/);
  });

  test('evaluates ^ and ^OR conditions and ORDERBYDESC', async () => {
    const a = sn.seedRequestItem({ state: '2', short_description: 'query-a' });
    const b = sn.seedRequestItem({ state: '-5', short_description: 'query-b' });
    const q = encodeURIComponent('short_descriptionSTARTSWITHquery-^state=2^ORstate=-5^ORDERBYDESCnumber');
    const res = await call(sn.url, 'GET', `/api/now/table/sc_req_item?sysparm_query=${q}&sysparm_fields=number`, { headers: bridge });
    expect(res.body.result).toEqual([{ number: b.number }, { number: a.number }]);
  });

  test('reads one record, rendering references as {link, value}', async () => {
    const ritm = sn.seedRequestItem({ requested_for: '62826bf03710200044e0bfc8bcbe5df1' });
    const res = await call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}`, { headers: bridge });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({
      sys_id: ritm.sys_id,
      state: '1',
      work_notes: '',
      requested_for: { link: `${sn.url}/api/now/table/sys_user/62826bf03710200044e0bfc8bcbe5df1`, value: '62826bf03710200044e0bfc8bcbe5df1' },
    });
    const bare = await call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}?sysparm_exclude_reference_link=true&sysparm_fields=requested_for`, {
      headers: bridge,
    });
    expect(bare.body.result).toEqual({ requested_for: '62826bf03710200044e0bfc8bcbe5df1' });
  });

  test('PATCH sets state, appends work notes to the journal instead of overwriting, and ignores sys_ fields', async () => {
    const ritm = sn.seedRequestItem();
    const first = await call(sn.url, 'PATCH', `/api/now/table/sc_req_item/${ritm.sys_id}?sysparm_fields=sys_id,number,state,active`, {
      headers: bridge,
      body: { work_notes: 'Okta user 00u1 created (X-Okta-Request-Id: abc)', state: '2', sys_id: 'hijack' },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ result: { sys_id: ritm.sys_id, number: ritm.number, state: '2', active: 'true' } });
    await call(sn.url, 'PATCH', `/api/now/table/sc_req_item/${ritm.sys_id}`, {
      headers: bridge,
      body: { work_notes: 'Okta user 00u1 activated', state: 3 },
    });
    expect(sn.journal(ritm.sys_id, 'work_notes').map((j) => [j.value, j.createdBy])).toEqual([
      ['Okta user 00u1 created (X-Okta-Request-Id: abc)', 'svc.okta_bridge'],
      ['Okta user 00u1 activated', 'svc.okta_bridge'],
    ]);
    const stored = sn.getRecord('sc_req_item', ritm.sys_id);
    expect(stored).toMatchObject({ state: '3', active: 'false', sys_mod_count: '2', sys_updated_by: 'svc.okta_bridge' });
    expect(stored?.closed_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const viaApi = await call(
      sn.url,
      'GET',
      `/api/now/table/sys_journal_field?sysparm_query=${encodeURIComponent(`element_id=${ritm.sys_id}^element=work_notes`)}&sysparm_fields=value`,
      { headers: bridge },
    );
    expect(viaApi.body.result).toHaveLength(2);
  });

  test('answers errors in ServiceNow shape: 401, 403, 404, 400', async () => {
    const ritm = sn.seedRequestItem();
    const noAuth = await call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}`);
    expect(noAuth.status).toBe(401);
    expect(noAuth.body).toEqual({ error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' });
    const wrongPassword = await call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}`, { headers: basic('svc.okta_bridge', 'nope') });
    expect(wrongPassword.status).toBe(401);
    const readOnly = await call(sn.url, 'PATCH', `/api/now/table/sc_req_item/${ritm.sys_id}`, {
      headers: basic('svc.readonly', 'ro-pass'),
      body: { state: '3' },
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body).toEqual({
      error: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' },
      status: 'failure',
    });
    expect(sn.getRecord('sc_req_item', ritm.sys_id)?.state).toBe('1');
    const missing = await call(sn.url, 'PATCH', '/api/now/table/sc_req_item/0123456789abcdef0123456789abcdef', { headers: bridge, body: { state: '3' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No Record found');
    const badTable = await call(sn.url, 'GET', '/api/now/table/not_a_table', { headers: bridge });
    expect([badTable.status, badTable.body.error.message, badTable.body.status]).toEqual([400, 'Invalid table not_a_table', 'failure']);
    const badJson = await fetch(`${sn.url}/api/now/table/sc_req_item/${ritm.sys_id}`, {
      method: 'PATCH',
      headers: { ...bridge, 'Content-Type': 'application/json' },
      body: '{"state":',
    });
    expect(badJson.status).toBe(400);
  });

  test('issues OAuth tokens at /oauth_token.do (password grant; client credentials only with an application user)', async () => {
    const form = (fields: Record<string, string>) =>
      fetch(`${sn.url}/oauth_token.do`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const pw = await form({
      grant_type: 'password',
      client_id: 'bridge-client',
      client_secret: 'client-secret',
      username: 'svc.okta_bridge',
      password: 'bridge-pass',
    });
    const token = (await pw.json()) as { access_token: string; token_type: string; expires_in: number };
    expect([pw.status, token.token_type, token.expires_in]).toEqual([200, 'Bearer', 1799]);
    const ritm = sn.seedRequestItem();
    const res = await call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}?sysparm_fields=number`, { token: token.access_token });
    expect(res.body).toEqual({ result: { number: ritm.number } });

    const noAppUser = await form({ grant_type: 'client_credentials', client_id: 'bridge-client', client_secret: 'client-secret' });
    expect(noAppUser.status).toBe(401);
    expect(await noAppUser.json()).toEqual({ error_description: 'access_denied', error: 'server_error' });
    const cc = await form({ grant_type: 'client_credentials', client_id: 'cc-client', client_secret: 'cc-secret' });
    expect(cc.status).toBe(200);
    sn.expireAccessTokens();
    expect((await call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}`, { token: token.access_token })).status).toBe(401);
  });

  test('injects 5xx, delays and connection resets', async () => {
    const ritm = sn.seedRequestItem();
    sn.faults.inject({ kind: 'status', status: 503, path: '/api/now/table/sc_req_item', method: 'PATCH' });
    const failed = await call(sn.url, 'PATCH', `/api/now/table/sc_req_item/${ritm.sys_id}`, { headers: bridge, body: { state: '2' } });
    expect(failed.status).toBe(503);
    expect(sn.getRecord('sc_req_item', ritm.sys_id)?.state).toBe('1');
    const retried = await call(sn.url, 'PATCH', `/api/now/table/sc_req_item/${ritm.sys_id}`, { headers: bridge, body: { state: '2' } });
    expect(retried.status).toBe(200);

    sn.faults.inject({ kind: 'delay', delayMs: 300 });
    const started = Date.now();
    await call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}`, { headers: bridge });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    sn.faults.inject({ kind: 'reset' });
    await expect(call(sn.url, 'GET', `/api/now/table/sc_req_item/${ritm.sys_id}`, { headers: bridge })).rejects.toThrow();
    expect(sn.faults.pending()).toBe(0);
  });
});
