import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { loadEnvironment } from '../../config/load';
import { lookupsPath } from '../../config/oig-lookups';
import { declareEnvironment } from '../../stacks/environment-stacks';
import { deployOrder, planStack, prepareRehearsal } from '../../tools/terraform/rehearsal/rehearse';
import { synthesizeInto } from '../../tools/terraform/synthesize';
import { terraform } from '../../tools/terraform/terraform-cli';
import { runAdoption, scratchDir, startOrg } from './harness';
import { deployedOrg } from './intent-seed';

/**
 * The round trip through real terraform (needs the terraform binary; not part of `npm test`):
 * `node -r ./scripts/register-swc.js test/adopt/rehearse-round-trip.ts`.
 *
 * Adopts the simulated org the example would deploy (as `round-trip.test.ts` does), puts the adopted files into the
 * offline rehearsal's copy of config/environments (tools/terraform), synthesizes, then plans and applies each stack
 * in deploy order against the stand-in providers and prints terraform's plan summary, which counts the imports.
 * The stand-in imports an empty object, so updates after an import are expected there; what this checks is that
 * terraform accepts every import block (address and id) and imports one object per block.
 */
async function main(): Promise<void> {
  const example = loadEnvironment('example');
  const stacks = declareEnvironment(Testing.app(), example);
  const seeded = deployedOrg(example, stacks, JSON.parse(fs.readFileSync(lookupsPath('example'), 'utf8')).approvalSequences);
  const org = await startOrg(seeded.okta, seeded.servicenowTables, example.privilegedAccess!.team);
  seeded.seedOpa(org.opa);
  const dir = scratchDir('source');
  const result = await runAdoption(org, dir, 'example', 'source').finally(() => org.close());
  console.log(`adopted: ${result.planned.filter((p) => p.action === 'import').length} import ids`);

  const rehearsal = prepareRehearsal(fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-adopt-')));
  const environments = path.join(rehearsal.workDir, 'environments');
  for (const file of ['example.yaml', 'example.imports.json', 'example.lookups.json']) fs.copyFileSync(path.join(dir, file), path.join(environments, file));
  synthesizeInto(rehearsal.outdir, 'example', environments);
  for (const stack of deployOrder(rehearsal.outdir)) {
    const blocks = (JSON.parse(fs.readFileSync(path.join(rehearsal.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')).import ?? []).length;
    await planStack(rehearsal, stack, true);
    const shown = await terraform(['show', '-no-color', 'tfplan'], rehearsal.stackDir(stack), rehearsal.env);
    console.log(`${stack}: ${blocks} import blocks; ${/Plan: .*|No changes\..*/.exec(shown.stdout)?.[0] ?? 'no plan summary'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
