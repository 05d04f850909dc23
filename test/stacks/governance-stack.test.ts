import '../helpers/cdktf-matchers';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Testing } from 'cdktf';
import { RequestCondition } from '../../.gen/providers/okta-oig/request-condition';
import { RequestSequence } from '../../.gen/providers/okta-oig/request-sequence';
import { RequestSettingResource } from '../../.gen/providers/okta-oig/request-setting-resource';
import { ConfigValidationError } from '../../config/errors';
import { GovernanceStack } from '../../stacks/governance-stack';
import { exampleWith } from '../helpers/config';
import { declareForTest, synthJson, synthString } from '../helpers/synth';

/**
 * The example without governance. The privileged-access section keys its policies on requestable groups, so it
 * goes too: an environment without access requests has neither.
 */
function withoutGovernance(raw: Record<string, any>): void {
  delete raw.governance;
  delete raw.privilegedAccess;
}

const MANAGER_THEN_SECURITY = '65a1f0c2e4b0a1b2c3d4e5f1';
const MANAGER_APPROVAL = '65a1f0c2e4b0a1b2c3d4e5f2';

describe('GovernanceStack', () => {
  const { stacks } = declareForTest(exampleWith());
  const governance = stacks.governance as GovernanceStack;
  const synth = synthString(governance);
  const json = JSON.parse(synth);
  const identityJson = synthJson(stacks.identity);
  const conditions = Object.entries(json.resource.okta_request_condition as Record<string, any>);
  /** The remote-state expression the governance stack uses for an identity stack resource attribute. */
  const crossStack = (fragment: string) => expect.stringMatching(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.[^}]*${fragment}[^}]*\\}$`));
  const appId = crossStack('dataokta_appPrivilegedAccessAppid');

  test('pins okta/okta 6.12.0 here and 4.20.0 in the identity stack', () => {
    expect(json.terraform.required_providers).toEqual({ okta: { source: 'okta/okta', version: '6.12.0' } });
    expect(identityJson.terraform.required_providers.okta).toEqual({ source: 'okta/okta', version: '4.20.0' });
    expect(json.provider.okta).toEqual([{ org_name: 'example-org', base_url: 'oktapreview.com' }]);
  });

  test('declares one ACTIVE condition per configured condition, with every field from config', () => {
    expect(conditions).toHaveLength(3);
    expect(synth).toHaveResourceWithProperties(RequestCondition, {
      name: 'jml-eng-linux-sre',
      description: 'SREs and engineers may request SSH access to production Linux for up to 8 hours.',
      status: 'ACTIVE',
      priority: 0,
      resource_id: appId,
      approval_sequence_id: `\${okta_request_sequence.${sequenceAddress(MANAGER_THEN_SECURITY)}.id}`,
      access_scope_settings: { type: 'GROUPS', ids: [{ id: crossStack('okta_groupServerAccess-eng-linux-prod') }] },
      requester_settings: {
        type: 'GROUPS',
        ids: [{ id: crossStack('okta_groupDepartment-engineering') }, { id: crossStack('okta_groupRole-sre') }],
      },
      access_duration_settings: { type: 'REQUESTER_SPECIFIED_DURATION', duration: 'PT8H' },
    });
    expect(synth).toHaveResourceWithProperties(RequestCondition, {
      name: 'jml-eng-windows-dba',
      priority: 1,
      requester_settings: { type: 'GROUPS', ids: [{ id: crossStack('okta_groupRole-dba') }] },
      access_duration_settings: { type: 'ADMIN_FIXED_DURATION', duration: 'PT4H' },
    });
    expect(synth).toHaveResourceWithProperties(RequestCondition, {
      name: 'jml-finance-windows',
      priority: 2,
      approval_sequence_id: `\${okta_request_sequence.${sequenceAddress(MANAGER_APPROVAL)}.id}`,
      access_scope_settings: { type: 'GROUPS', ids: [{ id: crossStack('okta_groupServerAccess-finance-windows') }] },
      access_duration_settings: { type: 'REQUESTER_SPECIFIED_DURATION', duration: 'P2D' },
    });
  });

  test('chains the conditions so each is created after the one before it', () => {
    const byPriority = conditions.sort(([, a], [, b]) => a.priority - b.priority);
    expect(byPriority.map(([, body]) => body.priority)).toEqual([0, 1, 2]);
    expect(byPriority[0]![1].depends_on).toBeUndefined();
    expect(byPriority[1]![1].depends_on).toEqual([`okta_request_condition.${byPriority[0]![0]}`]);
    expect(byPriority[2]![1].depends_on).toEqual([`okta_request_condition.${byPriority[1]![0]}`]);
  });

  test('imports each approval sequence used, once, and protects it from destroy', () => {
    const sequences = json.resource.okta_request_sequence as Record<string, any>;
    expect(
      Object.values(sequences)
        .map((s) => s.id)
        .sort(),
    ).toEqual([MANAGER_THEN_SECURITY, MANAGER_APPROVAL].sort());
    expect(synth).toHaveResourceWithProperties(RequestSequence, {
      id: MANAGER_THEN_SECURITY,
      resource_id: appId,
      lifecycle: { prevent_destroy: true },
    });
    expect(json.import).toEqual(
      expect.arrayContaining([
        {
          to: `okta_request_sequence.${sequenceAddress(MANAGER_THEN_SECURITY)}`,
          id: expect.stringMatching(new RegExp(`^\\$\\{data\\.terraform_remote_state\\..*PrivilegedAccessAppid\\}/${MANAGER_THEN_SECURITY}$`)),
        },
        { to: `okta_request_sequence.${sequenceAddress(MANAGER_APPROVAL)}`, id: expect.stringMatching(new RegExp(`/${MANAGER_APPROVAL}$`)) },
      ]),
    );
  });

  test('imports the app request settings and manages request-on-behalf-of from config', () => {
    expect(synth).toHaveResourceWithProperties(RequestSettingResource, {
      id: appId,
      request_on_behalf_of_settings: { allowed: false },
    });
    const [address] = Object.keys(json.resource.okta_request_setting_resource);
    expect(json.import).toContainEqual({ to: `okta_request_setting_resource.${address}`, id: appId });
    const allowed = synthJson(declareForTest(exampleWith((raw) => (raw.governance.requestOnBehalfOf = true))).stacks.governance!);
    expect(Object.values(allowed.resource!.okta_request_setting_resource!)[0].request_on_behalf_of_settings).toEqual({ allowed: true });
  });

  test('reads the Privileged Access app and the groups from the identity stack, never from typed ids', () => {
    const identityApp = Object.values(identityJson.data!.okta_app!)[0];
    expect(identityApp).toMatchObject({ label: 'Okta Privileged Access' });
    expect(JSON.stringify(json.resource)).not.toMatch(/"0oa[0-9A-Za-z]{17}"|"00g[0-9A-Za-z]{17}"/);
  });

  test('outputs the condition ids by key', () => {
    expect(Object.keys(json.output.request_condition_ids.value)).toEqual(['eng-linux-sre', 'eng-windows-dba', 'finance-windows']);
  });

  test('fails synth naming the path when a sequence name has no resolved id', () => {
    const config = exampleWith((raw) => (raw.governance.conditions[2].approvalSequence = 'Finance director'));
    expect(() => declareForTest(config)).toThrow(ConfigValidationError);
    expect(() => declareForTest(config)).toThrow(
      /- governance\.conditions\[2\]\.approvalSequence: approval sequence "Finance director" has no resolved id in config\/environments\/example\.lookups\.json; create it in Okta Access Requests if needed, then run `npm run governance:discover -- --env example`/,
    );
  });

  test('declares no governance stack for an environment without a governance section', () => {
    const { app, stacks: plainStacks } = declareForTest(exampleWith(withoutGovernance));
    expect(plainStacks.governance).toBeUndefined();
    expect(app.node.children.map((child) => child.node.id)).not.toContain('governance-example');
  });

  /** The logical id of the imported sequence whose id is `sequenceId`. */
  function sequenceAddress(sequenceId: string): string {
    const entry = Object.entries(json.resource.okta_request_sequence as Record<string, any>).find(([, body]) => body.id === sequenceId);
    if (!entry) throw new Error(`no imported sequence ${sequenceId}`);
    return entry[0];
  }
});

describe('GovernanceStack synthesizes offline', () => {
  test('the example app writes the governance root module with its pinned provider and import blocks', () => {
    const { stacks } = declareForTest(exampleWith());
    const outdir = Testing.fullSynth(stacks.governance!);
    const module = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'governance-example', 'cdk.tf.json'), 'utf8'));
    expect(module.terraform.required_providers.okta).toEqual({ source: 'okta/okta', version: '6.12.0' });
    expect(module.import).toHaveLength(3);
    expect(Object.keys(module.resource.okta_request_condition)).toHaveLength(3);
  });
});
