import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import { parse, stringify } from 'yaml';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../config/load';
import { GuardedApp, GuardrailViolation } from '../guardrails/guarded-app';
import { judgeStack } from '../guardrails/judge';
import { LeastPrivilegeChecks } from '../guardrails/packs/least-privilege';
import { requestableGroupNames } from '../guardrails/requestable';
import type { StackJson } from '../guardrails/subjects';
import { declareEnvironment } from '../stacks/environment-stacks';
import { scaleEnvironment } from './scale-environment';

/**
 * One guardrail-cost measurement in a fresh process: synthesizes the environment (`example`, or the example scaled to
 * `size` departments) in a GuardedApp, then judges the same synthesized stacks with the least-privilege pack as it was
 * before issue 15 (`baselineDir`, extracted from git by guardrail-cost.ts) and as it is now. Prints one JSON line.
 */
function main(size: string, baselineDir: string): void {
  const example = parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), 'utf8'));
  const raw: Record<string, any> = size === 'example' ? example : scaleEnvironment(example, Number(size));
  // scaleEnvironment renames resource groups to rg-<n>, and the example's AD account rules (newer than it) name the
  // example's groups and projects: the scaled tenant leaves them out (docs/benchmarks.md says so beside the figures).
  if (size !== 'example' && raw.privilegedAccess?.adAccounts) delete raw.privilegedAccess.adAccounts;
  const config = parseEnvironment(stringify(raw), `${size}.yaml`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrail-cost-'));
  const app = new GuardedApp({ outdir });
  declareEnvironment(app, config);
  const synthStart = performance.now();
  let errors = 0;
  try {
    app.synth();
  } catch (error) {
    // A finding (e.g. a service limit the scaled tenant exceeds) fails the synth after every stack is written and
    // judged: the cost is what is measured here, so the figures stand and the count is reported.
    if (!(error instanceof GuardrailViolation)) throw error;
    errors = error.errors.length;
  }
  const synthMs = performance.now() - synthStart;
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  const requestable = requestableGroupNames(config);
  let resources = 0;
  let newMs = 0;
  for (const stack of stacks) {
    const file = path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json');
    const started = performance.now();
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson;
    judgeStack(stack, json, [new LeastPrivilegeChecks({ requestableGroupNames: requestable })]);
    newMs += performance.now() - started;
    for (const byType of Object.values(json.resource ?? {})) resources += Object.keys(byType).length;
  }
  // The baseline pack judged each stack from stack.toTerraform() when its Aspect visited the stack node.
  const { LeastPrivilegeChecks: Baseline } = require(path.join(baselineDir, 'packs', 'least-privilege.ts')) as {
    LeastPrivilegeChecks: new (props: object) => { visit(node: unknown): void };
  };
  let oldMs = 0;
  for (const stack of stacks) {
    const pack = new Baseline({ requestableGroupNames: requestable });
    const started = performance.now();
    pack.visit(stack);
    oldMs += performance.now() - started;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  console.log(JSON.stringify({ size, resources, errors, synthMs, guardInSynthMs: app.guardrailMs, oldMs, newMs }));
}

main(process.argv[2], process.argv[3]);
