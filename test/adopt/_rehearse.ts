import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { loadEnvironment } from '../../config/load';
import { lookupsPath } from '../../config/oig-lookups';
import { declareEnvironment } from '../../stacks/environment-stacks';
import { prepareRehearsal, planStack, deployOrder } from '../../tools/terraform/rehearsal/rehearse';
import { synthesizeInto } from '../../tools/terraform/synthesize';
import { terraform } from '../../tools/terraform/terraform-cli';
import { runAdoption, scratchDir, startOrg } from './harness';
import { deployedOrg } from './intent-seed';

(async () => {
  const example = loadEnvironment('example');
  const stacks = declareEnvironment(Testing.app(), example);
  const seeded = deployedOrg(example, stacks, JSON.parse(fs.readFileSync(lookupsPath('example'), 'utf8')).approvalSequences);
  const org = await startOrg(seeded.okta, seeded.servicenowTables, example.privilegedAccess!.team);
  seeded.seedOpa(org.opa);
  const dir = scratchDir('source');
  const result = await runAdoption(org, dir, 'example', 'source');
  await org.close();
  console.log('adopted; imports', result.planned.filter((p) => p.action === 'import').length);
  const workDir = fs.mkdtempSync('/tmp/rehearse-adopt-');
  const rehearsal = prepareRehearsal(workDir);
  const envDir = path.join(workDir, 'environments');
  for (const f of ['example.yaml', 'example.imports.json', 'example.lookups.json']) fs.copyFileSync(path.join(dir, f), path.join(envDir, f));
  synthesizeInto(rehearsal.outdir, 'example', envDir);
  const order = deployOrder(rehearsal.outdir);
  console.log('order', order.join(' -> '));
  for (const stack of order) {
    const json = JSON.parse(fs.readFileSync(path.join(rehearsal.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    const imports = (json.import ?? []).length;
    const t = Date.now();
    try {
      const actions = await planStack(rehearsal, stack, true);
      const plan = await terraform(['show', '-no-color', 'tfplan'], rehearsal.stackDir(stack), rehearsal.env);
      const summary = /Plan: .*|No changes.*/.exec(plan.stdout)?.[0];
      console.log(stack, 'import blocks', imports, 'counted actions', actions.length, 'summary:', summary, `${Date.now() - t} ms`);
      if (stack.startsWith('identity') || stack.startsWith('governance')) console.log(actions.map((a) => `${a.action} ${a.address}`).join('\n'));
    } catch (e) {
      console.log(stack, 'FAILED', String(e).slice(0, 1500));
      break;
    }
  }
})();
