import { OKTA_READS_PER_MINUTE, planCost } from '../../tools/plan-cost/estimate';
import { diffSynth } from '../../tools/review/diff';
import { renderReview } from '../../tools/review/markdown';
import { readSynthOutput } from '../../tools/review/synth-output';
import { synthFixture } from './fixtures';

describe('plan cost', () => {
  test('counts one refresh read per managed object and data source, by provider, never for local-only types', () => {
    const cost = planCost({
      resource: {
        okta_group: { a: {}, b: {} },
        okta_group_rule: { a: {} },
        oktapam_resource_group: { r: {} },
        servicenow_script_include: { s: {} },
        aws_sqs_queue: { q: {} },
      },
      data: { okta_app: { p: {} }, terraform_remote_state: { x: {} }, aws_iam_policy_document: { d: {} } },
    });
    expect(cost.reads).toEqual({ okta: 4, oktapam: 1, servicenow: 1, aws: 1, other: 0 });
    const large = planCost({ resource: { okta_group: Object.fromEntries(Array.from({ length: 2 * OKTA_READS_PER_MINUTE }, (_, i) => [`g${i}`, {}])) } });
    expect(large.oktaMinutes).toBe(2);
  });

  test("the plan review shows each stack's reads and Okta minutes", () => {
    const base = readSynthOutput(synthFixture('base'));
    const head = readSynthOutput(synthFixture('head'));
    const { markdown } = renderReview({ baseRef: 'main', headLabel: 'working tree', diffs: diffSynth(base, head), base, head });
    expect(markdown).toContain('plan reads: Okta / OPA / ServiceNow (Okta minutes)');
    const stack = head[0];
    const { reads, oktaMinutes } = planCost(stack.json as Parameters<typeof planCost>[0]);
    expect(markdown).toContain(`| ${reads.okta} / ${reads.oktapam} / ${reads.servicenow} (${oktaMinutes} min) |`);
  });
});
