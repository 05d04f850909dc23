import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { parse } from 'yaml';
import { IMPORTS_DIR_CONTEXT } from '../../constructs/adopted-imports';
import { loadEnvironment, parseEnvironment } from '../../config/load';
import { lookupsPath } from '../../config/oig-lookups';
import { declareEnvironment } from '../../stacks/environment-stacks';
import type { AdoptResult } from '../../tools/adopt/adopt';
import { synthJson } from '../helpers/synth';
import { runAdoption, scratchDir, startOrg, type RunningOrg } from './harness';
import { deployedOrg, type DeployedOrg } from './intent-seed';

/**
 * Round trip: an org this project deployed from the example environment (seeded from the example's synthesized
 * stacks) adopts back to the same environment, and every object the stacks declare is imported, not re-created.
 */
describe('adopting an org the project deployed', () => {
  const example = loadEnvironment('example');
  let seeded: DeployedOrg;
  let org: RunningOrg;
  let dir: string;
  let result: AdoptResult;

  beforeAll(async () => {
    const stacks = declareEnvironment(Testing.app(), example);
    seeded = deployedOrg(example, stacks, JSON.parse(fs.readFileSync(lookupsPath('example'), 'utf8')).approvalSequences);
    org = await startOrg(seeded.okta, seeded.servicenowTables, example.privilegedAccess!.team);
    seeded.seedOpa(org.opa);
    for (const rule of org.okta.groupRules())
      seeded.expectedImports[`okta_group_rule:${seeded.okta.groups!.find((g) => g.id === rule.groupId)!.name}/${rule.name}`] = rule.id;
    dir = scratchDir('source');
    result = await runAdoption(org, dir, 'example', 'source');
  }, 180_000);
  afterAll(() => org?.close());

  test('writes the same environment, up to comments and defaults', () => {
    const adoptedText = fs.readFileSync(result.files.environment, 'utf8');
    expect(parseEnvironment(adoptedText, 'adopted')).toEqual(example);
    expect(adoptedText).toMatch(/# Okta group "jml-dept-engineering" \(00g\w{17}\), rule "jml-dept-engineering" \(0pr\w{17}\)/);
    expect(parse(adoptedText).identity.departments.map((d: { key: string }) => d.key)).toEqual(['engineering', 'finance', 'sales', 'legal']);
  });

  test('finds nothing that does not fit: no unmanaged object, mapped name, or widened / narrowed access', () => {
    const kinds = result.findings.all
      .filter((f) => !(f.kind === 'changed' && f.object.startsWith('event hook')))
      .map((f) => `${f.kind}: ${f.object}: ${f.detail}`);
    expect(kinds).toEqual([]);
  });

  test('imports every seeded object with its own id; only kinds adoption does not read are new', () => {
    const imports = JSON.parse(fs.readFileSync(result.files.imports, 'utf8')).imports;
    expect(imports).toEqual(seeded.expectedImports);
    // Whatever is added is of a kind adoption does not look up (tokens, the bridge's AWS resources, ...), never an object it missed.
    const missed = result.planned.filter((p) => p.action === 'add' && / in the org: new/.test(p.reason ?? ''));
    expect(missed).toEqual([]);
    expect(result.planned.filter((p) => p.action === 'import')).toHaveLength(Object.keys(seeded.expectedImports).length);
  });

  test('the synthesized stacks carry an import block for each import id', () => {
    const app = new App({ outdir: path.join(dir, 'out'), context: { [IMPORTS_DIR_CONTEXT]: dir } });
    const config = loadEnvironment('example', dir);
    const stacks = declareEnvironment(app, config, { environmentsDir: dir });
    const blocks = [stacks.identity, ...stacks.identity.shards, stacks.governance!, stacks.privilegedAccess!, stacks.servicenow!].flatMap(
      (stack) => synthJson(stack).import ?? [],
    );
    const ids = blocks.map((block: { id: string }) => block.id);
    for (const id of Object.values(seeded.expectedImports)) expect(ids).toContain(id);
  });
});
