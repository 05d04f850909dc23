import fc from 'fast-check';
import { accountRuleBody, type AdAccountOu } from '../../constructs/pam-ad-account-rule';
import { adPasswordBody } from '../../constructs/pam-ad-password-settings';
import { ruleSettingsBody } from '../../constructs/pam-ad-rule-settings';
import { startOpaSimulator, type OpaSimulator } from '../../simulators/opa';
import { shapeLike } from '../../tools/restful-rehearsal/rehearsal';

/**
 * The class of "a body the constructs can write that OPA refuses, or reads back differently (a perpetual diff under
 * restful's partial body tracking)": generated rules, rule settings and password policies are sent to the OPA
 * simulator and read back.
 */
const KEY = { keyId: '0f5e2d4c-1b3a-4c5d-8e7f-9a0b1c2d3e4f', keySecret: 'property-test-only' };

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const filter = fc.record({
  field: fc.constantFrom('account-name' as const, 'okta-group-name' as const),
  operator: fc.constantFrom('starts-with' as const, 'ends-with' as const, 'contains' as const, 'equals' as const),
  value: word,
});
const ou: fc.Arbitrary<AdAccountOu> = fc.record({
  dn: word.map((w) => `OU=${w},DC=corp,DC=example,DC=com`),
  filters: fc.option(fc.array(filter, { maxLength: 3 }), { nil: undefined }),
});

describe('every body the AD account constructs write is accepted by OPA and reads back unchanged', () => {
  let opa: OpaSimulator;
  let token: string;
  let base: string;
  let rg: string;
  let project: string;
  beforeAll(async () => {
    opa = await startOpaSimulator({ team: 'example-team', serviceUsers: [KEY], syncOnRuleChange: false });
    const connection = opa.state.seedAdConnection({ domain: 'corp.example.com' });
    rg = opa.state.seedResourceGroup({ name: 'rg' }).id;
    project = opa.state.seedProject(rg, { name: 'p' }).id;
    base = `${opa.url}/v1/teams/example-team`;
    const issued = await fetch(`${base}/service_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key_id: KEY.keyId, key_secret: KEY.keySecret }),
    });
    token = ((await issued.json()) as { bearer_token: string }).bearer_token;
    base = `${base}/resource_assignment/active_directory/${connection.id}`;
  });
  afterAll(() => opa.close());

  const send = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  test('rule settings, then account rules of any shape', async () => {
    const settings = fc.record({
      matchOn: fc.uniqueArray(fc.constantFrom('username' as const, 'first-and-last-name' as const, 'display-name' as const, 'email' as const), {
        minLength: 1,
      }),
      partialMatches: fc.array(fc.record({ operator: fc.constantFrom('starts-with' as const, 'ends-with' as const), value: word }), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(settings, async (generated) => {
        const body = ruleSettingsBody(generated);
        expect((await send('POST', `${base}/rule_settings`, body)).status).toBe(204);
        expect(shapeLike(body, (await send('GET', `${base}/rule_settings`)).body)).toEqual(body);
      }),
      { numRuns: 10 },
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('individual' as const, 'shared' as const),
        fc.array(ou, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (type, organizationalUnits, importOktaUsers) => {
          const body = accountRuleBody({ name: `rule-${(n += 1)}`, type, organizationalUnits, resourceGroupId: rg, projectId: project, importOktaUsers });
          const created = await send('POST', `${base}/rules`, body);
          expect(created.status).toBe(201);
          expect(shapeLike(body, (await send('GET', `${base}/rules/${created.body.id}`)).body)).toEqual(body);
        },
      ),
      { numRuns: 25 },
    );
  });

  test('project AD password policies within the config ranges', async () => {
    const policy = fc.record({
      rotationPeriodHours: fc.integer({ min: 1, max: 720 }),
      minLength: fc.integer({ min: 16, max: 128 }),
      extra: fc.integer({ min: 0, max: 128 }),
      characters: fc.record({
        upperCase: fc.boolean(),
        lowerCase: fc.boolean(),
        digits: fc.boolean(),
        punctuation: fc.boolean(),
        excludeSymbols: fc.uniqueArray(fc.constantFrom('"', "'", '`', '\\', '%'), { maxLength: 3 }),
      }),
    });
    const path = `${opa.url}/v1/teams/example-team/resource_groups/${rg}/projects/${project}/active_directory_password_settings`;
    await fc.assert(
      fc.asyncProperty(policy, async ({ extra, ...generated }) => {
        const body = adPasswordBody({ ...generated, maxLength: generated.minLength + extra });
        expect((await send('PUT', path, body)).status).toBe(200);
        expect(shapeLike(body, (await send('GET', path)).body)).toEqual(body);
      }),
      { numRuns: 15 },
    );
  });
});
