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
    expect(text).toContain('c.body?.startsWith(marker)');
    expect(steps[steps.length - 1].run).toBe('npm run synth');
  });

  test('drift runs on a schedule with read-only credentials, a refresh-only plan and detailed exit codes', () => {
    const { text, yaml } = workflow('drift.yml');
    expect(yaml.on.schedule).toHaveLength(1);
    expect(text).toContain('terraform plan -refresh-only -input=false -lock=false -no-color -json > outside.json');
    expect(text).toContain(`grep -q '"type":"resource_drift"' outside.json`);
    expect(text).toContain('terraform plan -input=false -lock=false -no-color -detailed-exitcode > pending.txt');
    expect(text).toContain('DRIFT_READONLY_ROLE_ARN');
    expect(yaml.jobs.plan.strategy.matrix.stack).toBe('${{ fromJson(needs.stacks.outputs.stacks) }}');
  });
});

describe('CI workflows against the synthesized stacks', () => {
  // Imported lazily so the two workflow-text tests above stay independent of synthesis.
  const { TerraformStack } = require('cdktf') as typeof import('cdktf');
  const { selectEnvironments } = require('../../config/select') as typeof import('../../config/select');
  const { declareForTest, synthJson } = require('../helpers/synth') as typeof import('../helpers/synth');
  const { requiredVariables } = require('../../tools/terraform/synthesize') as typeof import('../../tools/terraform/synthesize');
  const { ENV_DEFAULTS } = require('../../tools/terraform/provider/env-defaults') as typeof import('../../tools/terraform/provider/env-defaults');
  const { fullyQualified } = require('../../tools/terraform/snapshots') as typeof import('../../tools/terraform/snapshots');

  const stacks = selectEnvironments(undefined).flatMap((config) => {
    const { app } = declareForTest(config);
    return app.node.children
      .filter((c): c is InstanceType<typeof TerraformStack> => c instanceof TerraformStack)
      .map((stack) => ({ id: stack.node.id, json: synthJson(stack) }));
  });

  test('the drift plan job sets every variable a stack declares without a default, and the credentials its providers require', () => {
    const env: Record<string, string> = workflow('drift.yml').yaml.jobs.plan.env;
    const missing: string[] = [];
    for (const { id, json } of stacks) {
      for (const name of requiredVariables(json)) if (!env[`TF_VAR_${name}`]) missing.push(`${id}: TF_VAR_${name}`);
      for (const [local, requirement] of Object.entries((json.terraform?.required_providers ?? {}) as Record<string, { source: string }>)) {
        const configured = (json.provider?.[local] ?? [{}])[0] as Record<string, unknown>;
        for (const [argument, variable] of Object.entries(ENV_DEFAULTS[fullyQualified(requirement.source)] ?? {})) {
          if (configured[argument] === undefined && !env[variable]) missing.push(`${id}: ${variable} (provider ${local}.${argument})`);
        }
      }
    }
    expect(stacks.length).toBeGreaterThanOrEqual(5);
    expect(missing).toEqual([]);
  });

  test('a test workflow runs on pull requests what .ci/run runs: the README test command, then the scale and offline Terraform checks', () => {
    const { yaml } = workflow('test.yml');
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm test');
    expect(Object.keys(yaml.on)).toContain('pull_request');
    const runs = (yaml.jobs.test.steps as { run?: string }[]).map((s) => s.run).filter(Boolean);
    const ci = fs.readFileSync(path.join(__dirname, '../../.ci/run'), 'utf8');
    const ciCommands = ci
      .split('\n')
      .map((line) => /^(?:[A-Z_]+="[^"]*" )*(npm .*)$/.exec(line.trim())?.[1])
      .filter(Boolean);
    expect(ciCommands[0]).toBe('npm ci && npm test');
    expect(runs).toEqual(ciCommands);
  });
});
