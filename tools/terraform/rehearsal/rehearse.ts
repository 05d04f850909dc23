import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageProblems } from '../coverage';
import { buildMirror, type Mirror } from '../mirror';
import { REMOTE_OBJECTS_ENV } from '../provider/remote-objects';
import { readStack, requiredVariables, synthesizeInto, type StackJson } from '../synthesize';
import { terraform, terraformEnv } from '../terraform-cli';
import { applyConfigChange, copyEnvironments } from './config-change';
import { checkActions } from './expected-actions';
import { errorDiagnostics, formatActions, plannedActions, type PlannedAction } from './plan-actions';

/**
 * The deploy rehearsal: the example environment's stacks applied with the real terraform binary in the order
 * `cdktf deploy` uses (its manifest's dependencies), with local state, cross-stack remote state, import blocks
 * and preconditions; then a second plan that must change nothing; then a config change whose plans must do
 * exactly what the synthesized difference says. Everything runs against the stand-in providers, offline.
 */
export const ENVIRONMENT = 'example';

/**
 * Provider credentials a plan needs (the servicenow provider requires them, provider/env-defaults.ts); every
 * variable a stack declares without a default gets a placeholder too (variablesFor). None reaches an API.
 */
export const REHEARSAL_CREDENTIALS: NodeJS.ProcessEnv = {
  SERVICENOW_USERNAME: 'rehearsal',
  SERVICENOW_PASSWORD: 'rehearsal',
};

export function variablesFor(json: StackJson): NodeJS.ProcessEnv {
  return Object.fromEntries(requiredVariables(json).map((name) => [`TF_VAR_${name}`, `rehearsal-${name}`]));
}

export interface Rehearsal {
  readonly workDir: string;
  readonly outdir: string;
  readonly mirror: Mirror;
  readonly env: NodeJS.ProcessEnv;
  readonly order: string[];
  stackDir(stack: string): string;
}

export interface StackStep {
  readonly stack: string;
  readonly actions: PlannedAction[];
  readonly problems: string[];
}

/** What the simulated remote APIs hold before the deploy (an enrolled gateway, the AD connection, a token endpoint). */
export const REMOTE_OBJECTS_FILE = join(__dirname, 'remote-objects.example.json');

/** Synthesizes the example into `workDir` (unless `resynthesize` is false: reuse a rehearsal already there). */
export function prepareRehearsal(workDir: string, options: { resynthesize?: boolean } = {}): Rehearsal {
  const outdir = join(workDir, 'cdktf.out');
  if (options.resynthesize !== false) {
    const configDir = copyEnvironments(join(workDir, 'environments'));
    mkdirSync(outdir, { recursive: true });
    synthesizeInto(outdir, ENVIRONMENT, configDir);
  }
  const mirror = buildMirror(workDir);
  const order = deployOrder(outdir);
  const missing = order.flatMap((stack) => coverageProblems(stack, readStack(outdir, stack), mirror.providers));
  if (missing.length > 0) throw new Error(`the stand-in providers cannot serve every type the stacks use:\n${missing.join('\n')}`);
  const env = terraformEnv(mirror, { ...REHEARSAL_CREDENTIALS, [REMOTE_OBJECTS_ENV]: REMOTE_OBJECTS_FILE });
  return { workDir, outdir, mirror, env, order, stackDir: (stack) => join(outdir, 'stacks', stack) };
}

/** The stacks in dependency order, as cdktf deploy runs them (manifest.json `dependencies`). */
export function deployOrder(outdir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies?: string[] }> };
  const order: string[] = [];
  const visit = (stack: string, trail: string[]) => {
    if (order.includes(stack)) return;
    if (trail.includes(stack)) throw new Error(`stack dependency cycle: ${[...trail, stack].join(' -> ')}`);
    for (const dependency of [...(manifest.stacks[stack]?.dependencies ?? [])].sort()) visit(dependency, [...trail, stack]);
    order.push(stack);
  };
  for (const stack of Object.keys(manifest.stacks).sort()) visit(stack, []);
  return order;
}

export function stackEnv(rehearsal: Rehearsal, stack: string): NodeJS.ProcessEnv {
  return { ...rehearsal.env, ...variablesFor(readStack(rehearsal.outdir, stack)) };
}

async function run(rehearsal: Rehearsal, stack: string, args: string[]): Promise<string> {
  const result = await terraform(args, rehearsal.stackDir(stack), stackEnv(rehearsal, stack));
  if (result.code !== 0) throw new Error(`${stack}: terraform ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Plans one stack into `tfplan`, returns its actions, and applies that saved plan when asked. */
export async function planStack(rehearsal: Rehearsal, stack: string, apply: boolean): Promise<PlannedAction[]> {
  await run(rehearsal, stack, ['init', '-input=false', '-no-color']);
  const plan = await terraform(['plan', '-json', '-input=false', '-out=tfplan'], rehearsal.stackDir(stack), stackEnv(rehearsal, stack));
  if (plan.code !== 0) throw new Error(`${stack}: terraform plan failed:\n${[...errorDiagnostics(plan.stdout), plan.stderr].join('\n')}`);
  const actions = plannedActions(plan.stdout);
  if (apply) await run(rehearsal, stack, ['apply', '-input=false', '-no-color', 'tfplan']);
  return actions;
}

/** First deploy: every stack in order, planned and applied; nothing is destroyed or replaced. */
export async function deployAll(rehearsal: Rehearsal): Promise<StackStep[]> {
  const steps: StackStep[] = [];
  for (const stack of rehearsal.order) {
    const actions = await planStack(rehearsal, stack, true);
    const problems = actions.filter((a) => a.action === 'delete' || a.action === 'replace').map((a) => `${a.action} ${a.address} on a first deploy`);
    steps.push({ stack, actions, problems });
  }
  return steps;
}

/** A plan of every stack that must show no change (a repeatable apply, no perpetual diff). */
export async function planAll(rehearsal: Rehearsal): Promise<StackStep[]> {
  const steps: StackStep[] = [];
  for (const stack of rehearsal.order) {
    const actions = await planStack(rehearsal, stack, false);
    steps.push({ stack, actions, problems: actions.map((a) => `${a.action} ${a.address} in a plan that must be empty`) });
  }
  return steps;
}

/** Re-synthesizes with the config change and plans (then applies) each stack in order, checking its actions. */
export async function deployChange(rehearsal: Rehearsal): Promise<StackStep[]> {
  const before = new Map<string, StackJson>(rehearsal.order.map((stack) => [stack, readStack(rehearsal.outdir, stack)]));
  const configDir = join(rehearsal.workDir, 'environments');
  applyConfigChange(configDir, ENVIRONMENT);
  synthesizeInto(rehearsal.outdir, ENVIRONMENT, configDir);
  const steps: StackStep[] = [];
  for (const stack of deployOrder(rehearsal.outdir)) {
    const actions = await planStack(rehearsal, stack, true);
    const check = checkActions(before.get(stack), readStack(rehearsal.outdir, stack), actions);
    steps.push({ stack, actions, problems: [...check.missing.map((m) => `missing: ${m}`), ...check.unexpected.map((u) => `unexpected: ${u}`)] });
  }
  return steps;
}

export function report(title: string, steps: readonly StackStep[]): string {
  return [
    `## ${title}`,
    ...steps.map((step) => `### ${step.stack}\n${formatActions(step.actions)}${step.problems.length ? `\nPROBLEMS:\n${step.problems.join('\n')}` : ''}`),
  ].join('\n');
}
