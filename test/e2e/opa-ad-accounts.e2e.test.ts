import { startOpaSimulator, type OpaSimulator } from '../../simulators/opa';
import { RestfulCallError } from '../../tools/restful-rehearsal/http';
import { RestfulRehearsal } from '../../tools/restful-rehearsal/rehearsal';
import { exampleWith } from '../helpers/config';
import { declareForTest, synthJson, type SynthJson } from '../helpers/synth';

/**
 * The example environment's AD accounts, applied through magodo/restful's request semantics (tools/restful-rehearsal)
 * against the OPA simulator over HTTP. The oktapam provider's resource groups, projects and policies are seeded in
 * the simulator as that provider would have created them.
 */
const KEY = { opa_key_id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', opa_key_secret: 'rehearsal-only-secret-not-real' };
const DC = 'DC=corp,DC=example,DC=com';
const stack = synthJson(declareForTest(exampleWith()).stacks.privilegedAccess!);

/** Seeds what the oktapam provider and the Okta AD agent would have made; returns the resolver for oktapam references. */
function seedTeam(opa: OpaSimulator, json: SynthJson): (expression: string) => unknown {
  const ids = new Map<string, string>();
  for (const [name, group] of Object.entries<any>(json.resource?.oktapam_resource_group ?? {})) {
    ids.set(`oktapam_resource_group.${name}.id`, opa.state.seedResourceGroup({ name: group.name, description: group.description }).id);
  }
  for (const [name, project] of Object.entries<any>(json.resource?.oktapam_resource_group_project ?? {})) {
    const groupId = ids.get(String(project.resource_group).slice(2, -1)) as string;
    ids.set(`oktapam_resource_group_project.${name}.id`, opa.state.seedProject(groupId, { name: project.name }).id);
  }
  const connection = opa.state.seedAdConnection({ domain: 'corp.example.com' });
  const account = (cn: string, ou: string) =>
    opa.state.seedDirectoryAccount({ connectionId: connection.id, distinguishedName: `CN=${cn},${ou},${DC}`, samAccountName: cn });
  account('adm-alice', 'OU=Admins,OU=Engineering');
  account('bob', 'OU=Admins,OU=Engineering');
  account('svc-backup', 'OU=Service Accounts,OU=Engineering');
  account('fin-admin', 'OU=Admins,OU=Finance');
  account('carol', 'OU=Staff');
  return (expression) => {
    const id = ids.get(expression);
    if (!id) throw new Error(`the rehearsal cannot resolve ${expression}`);
    return id;
  };
}

function rehearsal(opa: OpaSimulator, external: (e: string) => unknown, sleep: (seconds: number) => Promise<void> = async () => undefined) {
  return new RestfulRehearsal({ stack, baseUrl: opa.url, variables: KEY, external, sleep });
}

async function opaCall(opa: OpaSimulator, method: string, path: string): Promise<{ status: number; body: any }> {
  const issued = await fetch(`${opa.url}/v1/teams/example-team/service_token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key_id: KEY.opa_key_id, key_secret: KEY.opa_key_secret }),
  }).then((r) => r.json() as Promise<{ bearer_token: string }>);
  const response = await fetch(`${opa.url}${path}`, { method, headers: { Authorization: `Bearer ${issued.bearer_token}` } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const opaGet = async (opa: OpaSimulator, path: string) => (await opaCall(opa, 'GET', path)).body;

describe('OPA AD accounts end to end: restful request shapes against the OPA simulator', () => {
  let opa: OpaSimulator;
  let external: (expression: string) => unknown;
  beforeEach(async () => {
    opa = await startOpaSimulator({
      team: 'example-team',
      serviceUsers: [{ keyId: KEY.opa_key_id, keySecret: KEY.opa_key_secret, roles: ['resource_admin'] }],
    });
    external = seedTeam(opa, stack);
  });
  afterEach(() => opa.close());

  test('apply creates the rules in config order; discovered accounts land in the right project with rotation on', async () => {
    const run = rehearsal(opa, external);
    const result = await run.apply();
    expect(result.created).toHaveLength(7);

    const [connection] = opa.state.adConnections.values();
    const rules = [...opa.state.rules.get(connection!.id)!].sort((a, b) => a.priority - b.priority);
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [1, 'eng-admin-accounts'],
      [2, 'eng-service-accounts'],
      [3, 'finance-shared-admins'],
    ]);
    expect(opa.state.ruleSettings.get(connection!.id)).toMatchObject({
      is_configured: true,
      matching_criteria: { username: true },
      allow_partial_matches: true,
    });

    // The token call carries no Authorization header and its body is never logged; every other call is authenticated.
    expect(run.calls[0]).toEqual({ method: 'POST', path: '/v1/teams/example-team/service_token', status: 200 });
    expect(run.calls.every((call) => call.status < 400)).toBe(true);

    expect((await opaCall(opa, 'PUT', `/v1/teams/example-team/resource_assignment/active_directory/${connection!.id}/force_sync`)).status).toBe(204);
    const groups = (await opaGet(opa, '/v1/teams/example-team/resource_groups')).list as { id: string; name: string }[];
    const accountsOf = async (groupName: string, projectName: string) => {
      const group = groups.find((g) => g.name === groupName)!;
      const projects = (await opaGet(opa, `/v1/teams/example-team/resource_groups/${group.id}/projects`)).list as { id: string; name: string }[];
      const project = projects.find((p) => p.name === projectName)!;
      return (await opaGet(opa, `/v1/teams/example-team/resource_groups/${group.id}/projects/${project.id}/active_directory_accounts`)).list as any[];
    };
    const engineering = await accountsOf('jml-engineering', 'windows-prod');
    expect(engineering.map((a) => [a.account_name, a.account_type, a.account_status_detail, a.account_settings_enabled])).toEqual([
      ['adm-alice', 'INDIVIDUAL', 'ROTATED', ['ROTATION_SCHEDULE']],
      ['svc-backup', 'SHARED', 'ROTATED', ['ROTATION_SCHEDULE']],
    ]);
    const finance = await accountsOf('jml-finance', 'windows');
    expect(finance.map((a) => [a.account_name, a.account_status_detail, a.account_settings_enabled])).toEqual([
      ['fin-admin', 'ROTATED', ['ROTATION_SCHEDULE']],
    ]);
    const financeProject = finance[0].project.id as string;
    expect(opa.adPasswordSettings(financeProject)).toMatchObject({
      enable_periodic_rotation: true,
      periodic_rotation_duration_in_seconds: 12 * 3600,
      min_length_in_bytes: 40,
    });
    // bob is filtered out (not adm-), carol is in no rule's OU.
    expect([...opa.state.accounts.values()].map((a) => a.account_name).sort()).toEqual(['adm-alice', 'fin-admin', 'svc-backup']);

    // No token or key secret in what Terraform would keep.
    const kept = JSON.stringify([...run.state.values()]);
    expect(kept).not.toContain(KEY.opa_key_secret);
    expect(kept).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  });

  test('a second apply changes nothing; a change made in the OPA console is drift that the next apply reverts', async () => {
    const run = rehearsal(opa, external);
    await run.apply();
    const before = run.calls.length;
    expect(await run.apply()).toEqual({ created: [], updated: [], drifted: [] });
    expect(
      run.calls
        .slice(before)
        .filter((c) => c.method !== 'GET')
        .map((c) => c.path),
    ).toEqual(['/v1/teams/example-team/service_token']);

    const [connection] = opa.state.adConnections.values();
    const rule = opa.state.rules.get(connection!.id)!.find((r) => r.name === 'eng-service-accounts')!;
    rule.organizational_units = [`OU=Everyone,${DC}`];
    const result = await run.apply();
    expect(result.drifted).toEqual([expect.stringMatching(/^restful_resource\.AdAccountRule-eng-service-accounts_/)]);
    expect(result.updated).toEqual(result.drifted);
    expect(opa.state.rules.get(connection!.id)!.find((r) => r.name === 'eng-service-accounts')!.organizational_units).toEqual([
      `OU=Service Accounts,OU=Engineering,${DC}`,
    ]);
  });

  test('a 429 with X-RateLimit-Retry-At is retried by the provider client', async () => {
    const waits: number[] = [];
    opa.faults.inject({ kind: 'rate-limit', path: /\/rules$/, method: 'POST', times: 2, resetInSeconds: 30 });
    const run = rehearsal(opa, external, async (seconds) => void waits.push(seconds));
    await run.apply();
    expect(waits).toEqual([5, 10]);
    expect(run.calls.filter((c) => c.status === 429)).toHaveLength(2);
    const [connection] = opa.state.adConnections.values();
    expect(opa.state.rules.get(connection!.id)).toHaveLength(3);
  });

  test('a token that dies mid-run fails the run with the 401 and the call; re-running finishes without duplicates', async () => {
    opa.faults.inject({ kind: 'rate-limit', path: /\/rules$/, method: 'POST', times: 1 });
    const run = rehearsal(opa, external, async () => opa.expireTokens());
    const failure = await run.apply().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RestfulCallError);
    expect((failure as RestfulCallError).status).toBe(401);
    expect((failure as Error).message).toMatch(
      /^POST \/v1\/teams\/example-team\/resource_assignment\/active_directory\/[0-9a-f-]+\/rules: unexpected response 401: .*issue a new one with POST \/service_token/,
    );

    await expect(run.apply()).resolves.toMatchObject({ drifted: [] });
    const [connection] = opa.state.adConnections.values();
    expect(opa.state.rules.get(connection!.id)!.map((r) => r.name)).toEqual(['eng-admin-accounts', 'eng-service-accounts', 'finance-shared-admins']);
  });

  test('a token about to expire stops the run before any change, saying what to do', async () => {
    await opa.close();
    opa = await startOpaSimulator({ team: 'example-team', tokenTtlSeconds: 300, serviceUsers: [{ keyId: KEY.opa_key_id, keySecret: KEY.opa_key_secret }] });
    external = seedTeam(opa, stack);
    const run = rehearsal(opa, external);
    await expect(run.apply()).rejects.toThrow(
      /postcondition failed: The OPA service token for team example-team expires in less than 15m; .* Re-run in a moment/,
    );
    expect(run.calls.map((c) => c.method)).toEqual(['POST']);
  });

  test('without the AD connection the run stops at the lookup with the fix', async () => {
    opa.state.adConnections.clear();
    await expect(rehearsal(opa, external).apply()).rejects.toThrow(/OPA has no Active Directory connection for corp\.example\.com: install the Okta AD agent/);
  });

  test('destroy deletes the rules and writes the singletons back to their defaults; accounts are released', async () => {
    const run = rehearsal(opa, external);
    await run.apply();
    const [connection] = opa.state.adConnections.values();
    const destroyed = await run.destroy();
    expect(destroyed).toHaveLength(7);
    expect(opa.state.rules.get(connection!.id)).toEqual([]);
    expect(opa.state.ruleSettings.get(connection!.id)).toMatchObject({
      is_configured: true,
      matching_criteria: { username: true, email: false },
      partial_matching_criteria: [],
      allow_partial_matches: false,
    });
    for (const settings of opa.state.adPasswordSettings.values()) {
      expect(settings).toMatchObject({
        enable_periodic_rotation: true,
        periodic_rotation_duration_in_seconds: 86_400,
        min_length_in_bytes: 32,
        max_length_in_bytes: 64,
      });
    }
    expect(opa.sync()).toEqual([]);
    expect(opa.state.accounts.size).toBe(0);
  });
});
