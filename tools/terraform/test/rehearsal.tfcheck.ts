import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { terraformPlan } from '../../review/plan';
import { REMOTE_OBJECTS_ENV } from '../provider/remote-objects';
import { REMOTE_OBJECTS_FILE, stackEnv, type Rehearsal } from '../rehearsal/rehearse';
import { REPO_ROOT } from '../snapshots';
import { deployedRehearsal } from './fixtures';

/**
 * The review's --plan path and the drift workflow's own commands, run for real against the rehearsal's deployed
 * state: both must work on every stack, and drift made outside Terraform must be reported.
 */
let rehearsal: Rehearsal;

beforeAll(async () => {
  rehearsal = await deployedRehearsal();
});

/** The `run:` script of drift.yml's plan step, exactly as the workflow runs it. */
function driftPlanScript(): string {
  const workflow = parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', 'drift.yml'), 'utf8')) as any;
  const step = (workflow.jobs.plan.steps as { id?: string; run?: string }[]).find((s) => s.id === 'plan');
  if (!step?.run) throw new Error('drift.yml has no plan step with id "plan"');
  return step.run;
}

function runDriftPlan(stack: string, extraEnv: NodeJS.ProcessEnv = {}): { outputs: Record<string, string>; code: number; dir: string } {
  const dir = rehearsal.stackDir(stack);
  const githubOutput = join(mkdtempSync(join(tmpdir(), 'gh-output-')), 'output');
  writeFileSync(githubOutput, '');
  const result = spawnSync('bash', ['-e', '-c', driftPlanScript()], {
    cwd: dir,
    env: { ...stackEnv(rehearsal, stack), GITHUB_OUTPUT: githubOutput, ...extraEnv },
    encoding: 'utf8',
  });
  const outputs = Object.fromEntries(
    readFileSync(githubOutput, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=') as [string, string]),
  );
  return { outputs, code: result.status ?? 1, dir };
}

describe('against the deployed rehearsal', () => {
  it('the review --plan path plans every stack and finds no change', () => {
    for (const stack of rehearsal.order) {
      const plan = terraformPlan(rehearsal.stackDir(stack), stackEnv(rehearsal, stack));
      expect({ stack, plan: plan.includes('No changes.') ? 'no changes' : plan }).toEqual({ stack, plan: 'no changes' });
    }
  });

  it("the drift workflow's plan step runs on every stack and reports neither drift nor pending changes", () => {
    for (const stack of rehearsal.order) {
      const { outputs, code } = runDriftPlan(stack);
      expect({ stack, code, outputs }).toEqual({ stack, code: 0, outputs: { outside: '0', pending: '0' } });
    }
  });

  it('a change made outside Terraform is reported by the refresh-only plan (exit 2) with the changed value', () => {
    const state = JSON.parse(readFileSync(join(rehearsal.workDir, 'terraform.identity-example.tfstate'), 'utf8')) as any;
    const group = state.resources.find((r: any) => r.type === 'okta_group');
    const id = group.instances[0].attributes.id as string;
    const drifted = join(mkdtempSync(join(tmpdir(), 'drift-')), 'remote-objects.json');
    const remote = JSON.parse(readFileSync(REMOTE_OBJECTS_FILE, 'utf8'));
    writeFileSync(drifted, JSON.stringify({ ...remote, drift: { okta_group: { [id]: { description: 'edited in the Okta console' } } } }));
    const { outputs, dir } = runDriftPlan('identity-example', { [REMOTE_OBJECTS_ENV]: drifted });
    expect(outputs.outside).toBe('2');
    expect(readFileSync(join(dir, 'outside.txt'), 'utf8')).toContain('"edited in the Okta console"');
  });
});
