import { renderStack } from '../../tools/review/markdown';
import type { SynthStack } from '../../tools/review/synth-output';

/** The guardrail section of the plan review lists every finding of every pack and every accepted suppression. */
describe("the review's guardrail section", () => {
  const head: SynthStack = {
    name: 'bridge-example',
    json: {},
    directory: '/tmp/x',
    annotations: [
      { constructPath: 'bridge-example/Worker', level: '@cdktf/error', message: '[SL-LAMBDA1] The environment is too large. Fix: ...' },
      {
        constructPath: 'bridge-example',
        level: '@cdktf/error',
        message: '[LP-DENY1] acme_grant.x (type acme_grant) can grant access and no guardrail rule judges it. Fix: ...',
      },
    ],
    guardrails: {
      pack: 'LeastPrivilege, ServiceLimits',
      stack: 'bridge-example',
      findings: [],
      suppressed: [
        {
          ruleId: 'LP-IAM2',
          level: 'error',
          path: 'bridge-example/Worker/Policy',
          address: 'data.aws_iam_policy_document.Policy',
          finding: 'Resource::*',
          message: '...',
          suppressionId: 'LP-IAM2[Resource::*]',
          reason: 'xray:PutTraceSegments has no resource-level permissions',
          suppressedOn: 'bridge-example/Worker',
        },
      ],
    },
  };

  test('lists findings of any pack and engine check, and each accepted suppression with its place and reason', () => {
    const markdown = renderStack({ stack: 'bridge-example', status: 'unchanged', changes: [] }, head, undefined);
    expect(markdown).toContain('at `bridge-example/Worker`: [SL-LAMBDA1]');
    expect(markdown).toContain('at `bridge-example`: [LP-DENY1]');
    expect(markdown).toContain(
      '- `LP-IAM2[Resource::*]` at `bridge-example/Worker/Policy` (suppressed on `bridge-example/Worker`): xray:PutTraceSegments has no resource-level permissions',
    );
  });
});
