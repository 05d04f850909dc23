import type { OpaSimulator } from '../opa';
import { call, startTestOpa, tokenFor } from './opa-helpers';

describe('OPA simulator: AD connections, account rules, rule settings, accounts, project AD password settings', () => {
  let opa: OpaSimulator;
  let token: string;
  let base: string;
  let rg: string;
  let project: string;
  const rule = (name: string, ou: string, extra: Record<string, unknown> = {}) => ({
    name,
    rule_type: 'SHARED',
    organizational_units: [ou],
    enable_initial_password_rotation: true,
    resource_group: { id: rg },
    project: { id: project },
    ...extra,
  });

  beforeEach(async () => {
    opa = await startTestOpa();
    const connection = opa.state.seedAdConnection({ domain: 'corp.example.com' });
    const group = opa.state.seedResourceGroup({ name: 'jml-engineering' });
    rg = group.id;
    project = opa.state.seedProject(rg, { name: 'windows-prod' }).id;
    base = `/v1/teams/example-team/resource_assignment/active_directory/${connection.id}`;
    token = await tokenFor(opa);
  });
  afterEach(() => opa.close());

  test('lists AD connections in the { list } envelope', async () => {
    const list = await call(opa, 'GET', '/v1/teams/example-team/connections/active_directory', { token });
    expect(list.body.list).toEqual([expect.objectContaining({ domain: 'corp.example.com', status: 'connected' })]);
  });

  test('rules get priorities in creation order; reorder returns the list; delete renumbers', async () => {
    const a = (await call(opa, 'POST', `${base}/rules`, { token, body: rule('a', 'OU=A,DC=corp') })).body;
    const b = (await call(opa, 'POST', `${base}/rules`, { token, body: rule('b', 'OU=B,DC=corp') })).body;
    expect([a.priority, b.priority]).toEqual([1, 2]);
    expect(a.resource_group).toEqual({ id: rg, name: 'jml-engineering', type: 'resource_group', missing: false });
    const reordered = await call(opa, 'POST', `${base}/rules/reorder`, {
      token,
      body: [
        { rule_id: b.id, priority: 1 },
        { rule_id: a.id, priority: 2 },
      ],
    });
    expect(reordered.body.list.map((r: { name: string }) => r.name)).toEqual(['b', 'a']);
    expect((await call(opa, 'DELETE', `${base}/rules/${b.id}`, { token })).status).toBe(204);
    expect((await call(opa, 'GET', `${base}/rules/${a.id}`, { token })).body.priority).toBe(1);
    expect((await call(opa, 'GET', `${base}/rules/${b.id}`, { token })).status).toBe(404);
  });

  test('update is a full replacement with no body; bad bodies are 400 naming the field', async () => {
    const a = (await call(opa, 'POST', `${base}/rules`, { token, body: rule('a', 'OU=A,DC=corp') })).body;
    const put = await call(opa, 'PUT', `${base}/rules/${a.id}`, { token, body: rule('a', 'OU=C,DC=corp') });
    expect(put).toMatchObject({ status: 204, body: undefined });
    expect((await call(opa, 'GET', `${base}/rules/${a.id}`, { token })).body.organizational_units).toEqual(['OU=C,DC=corp']);
    const bad = await call(opa, 'POST', `${base}/rules`, { token, body: rule('x', 'OU=A', { rule_type: 'MAYBE' }) });
    expect(bad).toMatchObject({ status: 400, body: { code: 400, message: 'rule_type must be SHARED or INDIVIDUAL' } });
    const filter = await call(opa, 'POST', `${base}/rules`, {
      token,
      body: rule('x', 'OU=A', { enhanced_filters: [[{ field: 'account_name', operator: 'STARTS WITH', value: 'a' }]] }),
    });
    expect(filter.body.message).toContain('enhanced_filters[0][0].operator');
    expect((await call(opa, 'POST', `${base}/rules`, { token, body: rule('a', 'OU=A') })).body.message).toContain('already exists');
  });

  test('individual rules need configured rule settings; a disconnected connection takes no new rules', async () => {
    const individual = await call(opa, 'POST', `${base}/rules`, { token, body: rule('i', 'OU=A', { rule_type: 'INDIVIDUAL' }) });
    expect(individual.body.message).toContain('configure the account rule settings');
    const configured = await call(opa, 'POST', `${base}/rule_settings`, {
      token,
      body: {
        matching_criteria: { username: true },
        partial_matching_criteria: [{ operator: 'STARTS WITH', match_value: 'adm-' }],
        allow_partial_matches: true,
      },
    });
    expect(configured.status).toBe(204);
    expect((await call(opa, 'GET', `${base}/rule_settings`, { token })).body).toMatchObject({
      is_configured: true,
      matching_criteria: { username: true, email: false },
    });
    expect((await call(opa, 'POST', `${base}/rules`, { token, body: rule('i', 'OU=A', { rule_type: 'INDIVIDUAL' }) })).status).toBe(201);
    await call(opa, 'PUT', `${base.replace('resource_assignment/active_directory', 'connections/active_directory')}/status`, {
      token,
      body: { status: 'disconnected' },
    });
    expect((await call(opa, 'POST', `${base}/rules`, { token, body: rule('j', 'OU=A') })).body.message).toContain('disconnected');
  });

  test('discovery puts accounts in the first matching rule by priority, and the project settings decide rotation', async () => {
    const [connection] = opa.state.adConnections.values();
    opa.state.seedDirectoryAccount({ connectionId: connection!.id, distinguishedName: 'CN=adm-x,OU=Admins,DC=corp', samAccountName: 'adm-x' });
    const other = opa.state.seedProject(rg, { name: 'other' }).id;
    await call(opa, 'POST', `${base}/rules`, { token, body: rule('broad', 'DC=corp', { project: { id: other } }) });
    const narrow = (await call(opa, 'POST', `${base}/rules`, { token, body: rule('narrow', 'OU=Admins,DC=corp') })).body;
    const projectAccounts = (id: string) =>
      call(opa, 'GET', `/v1/teams/example-team/resource_groups/${rg}/projects/${id}/active_directory_accounts`, { token });
    expect((await projectAccounts(other)).body.list.map((a: { account_name: string }) => a.account_name)).toEqual(['adm-x']);
    await call(opa, 'POST', `${base}/rules/reorder`, { token, body: [{ rule_id: narrow.id, priority: 1 }] });
    const moved = (await projectAccounts(project)).body.list;
    expect(moved).toEqual([expect.objectContaining({ account_name: 'adm-x', account_status_detail: 'ROTATED', account_settings_enabled: [] })]);
    const settings = {
      enable_periodic_rotation: true,
      periodic_rotation_account_selector_mode: 'ALL',
      periodic_rotation_duration_in_seconds: 86400,
      character_options: { upper_case: true },
      min_length_in_bytes: 32,
      max_length_in_bytes: 64,
    };
    const put = await call(opa, 'PUT', `/v1/teams/example-team/resource_groups/${rg}/projects/${project}/active_directory_password_settings`, {
      token,
      body: settings,
    });
    expect(put.body).toMatchObject({ ...settings, modified_at: expect.any(String) });
    expect((await projectAccounts(project)).body.list[0].account_settings_enabled).toEqual(['ROTATION_SCHEDULE']);
    const syncStatus = await call(opa, 'GET', `${base}/sync_status`, { token });
    expect(syncStatus.body).toBe('SYNC_COMPLETED');
  });

  test('AD password settings: required fields, and rotation needs a period and a selector', async () => {
    const path = `/v1/teams/example-team/resource_groups/${rg}/projects/${project}/active_directory_password_settings`;
    expect((await call(opa, 'GET', path, { token })).body).toMatchObject({ enable_periodic_rotation: false });
    const missing = await call(opa, 'PUT', path, {
      token,
      body: { enable_periodic_rotation: true, character_options: {}, min_length_in_bytes: 32, max_length_in_bytes: 64 },
    });
    expect(missing).toMatchObject({ status: 400, body: { message: expect.stringContaining('periodic_rotation_duration_in_seconds is required') } });
    const lengths = await call(opa, 'PUT', path, {
      token,
      body: { enable_periodic_rotation: false, character_options: {}, min_length_in_bytes: 64, max_length_in_bytes: 32 },
    });
    expect(lengths.body.message).toContain('min <= max');
    expect(
      (
        await call(
          opa,
          'PUT',
          `/v1/teams/example-team/resource_groups/${rg}/projects/00000000-0000-4000-8000-000000000000/active_directory_password_settings`,
          { token, body: {} },
        )
      ).status,
    ).toBe(404);
  });
});
