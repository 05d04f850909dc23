import { diffStack, diffSynth } from '../../tools/review/diff';
import { isSecretName, MASK } from '../../tools/review/mask';
import { COMMENT_MARKER, renderReview } from '../../tools/review/markdown';
import { readSynthOutput } from '../../tools/review/synth-output';
import { SECRETS, synthFixture } from './fixtures';

describe('plan review of a fixture change', () => {
  const base = readSynthOutput(synthFixture('base'));
  const head = readSynthOutput(synthFixture('head'));
  const diffs = diffSynth(base, head);
  const [stack] = diffs;
  const report = renderReview({ baseRef: 'main', headLabel: 'working tree', diffs, base, head });
  const byAddress = (address: string) => stack.changes.find((c) => c.address === address);

  test('reports the added group with its attributes', () => {
    expect(byAddress('okta_group.LinuxProd')).toMatchObject({ action: 'create', attributes: [{ path: 'name', after: 'jml-access-eng-linux-prod' }] });
    expect(report.markdown).toContain('+ `okta_group.LinuxProd`');
  });

  test('reports the changed scope as a privilege-relevant set delta', () => {
    expect(byAddress('okta_app_oauth_api_scope.Scopes')).toMatchObject({ action: 'update', privilege: 'OAuth scopes' });
    expect(report.markdown).toMatch(
      /🔐 Privilege-relevant changes[\s\S]*\*\*OAuth scopes\*\* ~ `okta_app_oauth_api_scope\.Scopes`: `scopes` `\+"okta\.users\.manage"`/,
    );
  });

  test('warns about the destroyed policy and the replaced assignment', () => {
    expect(byAddress('aws_iam_policy.Legacy')).toMatchObject({ action: 'destroy', privilege: 'AWS IAM' });
    expect(report.markdown).toContain('**Destroys 1 resource(s):** `aws_iam_policy.Legacy`');
    expect(byAddress('okta_app_group_assignment.Assignment')).toMatchObject({ action: 'replace', replacedBy: ['app_id'] });
    expect(report.markdown).toMatch(/\*\*Replaces 1 resource\(s\)\*\*[^\n]*`okta_app_group_assignment\.Assignment` because of `app_id`/);
    expect(report.markdown).toContain('`app_id` **forces replacement**');
  });

  test('masks secrets but still reports that one changed', () => {
    const hook = byAddress('okta_event_hook.Hook');
    expect(hook?.attributes).toEqual([{ path: 'auth.value', before: MASK, after: MASK }]);
    const everything = [report.markdown, ...Object.values(report.perStack)].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(everything).toContain(MASK);
    expect(byAddress('output.signing_key')).toMatchObject({ kind: 'output', action: 'update', attributes: [{ path: 'value', before: MASK, after: MASK }] });
  });

  test('lists guardrail findings, marking those the change introduces', () => {
    expect(report.markdown).toMatch(/❌ error \*\*\(new\)\*\* at `identity-fixture\/Escalation`: \[LP-OKTA1\]/);
    expect(report.markdown).toContain('| `identity-fixture` | 2 | 2 | 1 | 1 | 5 | ❌ 5 |');
  });

  test('starts with the marker the workflow uses to update one comment, and writes one document per stack', () => {
    expect(report.markdown.startsWith(COMMENT_MARKER)).toBe(true);
    expect(Object.keys(report.perStack)).toEqual(['identity-fixture']);
    expect(report.perStack['identity-fixture']).toMatch(/^### `identity-fixture`/);
  });

  test('treats a stack only in head as new and one only in base as removed', () => {
    expect(diffSynth([], head)[0].status).toBe('new');
    expect(diffSynth(base, [])[0]).toMatchObject({ status: 'removed', changes: expect.arrayContaining([expect.objectContaining({ action: 'destroy' })]) });
  });
});

describe('cross-stack wiring', () => {
  test('is left out: it follows from references the attribute diff already shows', () => {
    const head = {
      output: { 'cross-stack-output-okta_groupxid': { value: '${okta_group.x.id}', sensitive: true }, service_app_client_id: { value: 'abc' } },
      data: { terraform_remote_state: { 'cross-stack-reference-input-identity-example': { backend: 'local' } } },
    };
    expect(diffStack('s', {}, head).changes.map((c) => c.address)).toEqual(['output.service_app_client_id']);
  });
});

describe('secret names', () => {
  test.each(['client_basic_secret', 'service_account_password', 'token', 'private_key', 'secret_string', 'key_material', 'api_key'])('masks %s', (name) => {
    expect(isSecretName(name)).toBe(true);
  });
  test.each(['token_endpoint_auth_method', 'kms_key_id', 'secret_arn', 'omit_secret_flag', 'name'])('shows %s', (name) => {
    expect(isSecretName(name)).toBe(false);
  });
});

describe('reading a synth output', () => {
  test('fails with the directory and what to do when the synth did not complete', () => {
    expect(() => readSynthOutput('/nonexistent/out')).toThrow(/no manifest.json in \/nonexistent\/out: the synth did not complete/);
  });
});
