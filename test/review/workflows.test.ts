import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const workflow = (name: string) => {
  const text = fs.readFileSync(path.join(__dirname, '../../.github/workflows', name), 'utf8');
  return { text, yaml: parse(text) as Record<string, any> };
};

describe('CI workflows', () => {
  test('plan-review runs on pull requests, reviews against the base commit and updates one comment', () => {
    const { text, yaml } = workflow('plan-review.yml');
    expect(Object.keys(yaml.on)).toEqual(['pull_request']);
    expect(yaml.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] = yaml.jobs.review.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with).toEqual({ 'fetch-depth': 0 });
    expect(steps.some((s) => s.run === 'npm run review -- --base "$BASE_SHA" --out plan-review')).toBe(true);
    expect(text).toContain('updateComment');
    expect(text).toContain("c.body?.startsWith(marker)");
    expect(steps[steps.length - 1].run).toBe('npm run synth');
  });

  test('drift runs on a schedule with read-only credentials, a refresh-only plan and detailed exit codes', () => {
    const { text, yaml } = workflow('drift.yml');
    expect(yaml.on.schedule).toHaveLength(1);
    expect(text).toContain('terraform plan -refresh-only -input=false -lock=false -no-color -detailed-exitcode');
    expect(text).toContain('DRIFT_READONLY_ROLE_ARN');
    expect(yaml.jobs.plan.strategy.matrix.stack).toBe('${{ fromJson(needs.stacks.outputs.stacks) }}');
  });
});
