import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { parse, stringify } from 'yaml';
import { managedGroupsEnvironment } from '../../bench/scale-environment';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../../config/load';
import { managedGroupNames } from '../../config/naming';
import { declareEnvironment } from '../../stacks/environment-stacks';
import { resourcesOf, type SynthJson } from '../helpers/synth';

/**
 * The acceptance case of docs/service-limits.md: an environment of 10,000 managed groups (1,990 birthright groups with
 * their rules, 8,009 requestable server-access groups with a request condition each and 801 OPA resource groups) over
 * 8 identity shards synthesizes as `cdktf synth` does, and the synth does not fail: no service-limit and no
 * least-privilege error on any stack (cdktf throws on the first error annotation). About 40,000 resources, so slow by
 * nature; `npm run bench -- synth-scale` measures the same tenant.
 */
describe('an environment of 10,000 managed groups', () => {
  const example = parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), 'utf8')) as Record<string, any>;
  const config = parseEnvironment(stringify(managedGroupsEnvironment(example, 10_000, 8)), 'example.yaml');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ten-thousand-'));
  const stacks: Record<string, SynthJson> = {};
  let failure: unknown;

  beforeAll(() => {
    const app = new App({ outdir });
    declareEnvironment(app, config);
    try {
      app.synth();
    } catch (error) {
      failure = error;
      return;
    }
    for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
      stacks[stack] = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as SynthJson;
    }
  }, 45 * 60_000);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('passes every service-limit and least-privilege rule', () => {
    expect(failure).toBeUndefined();
  });

  test('is what the acceptance names: 10,000 managed groups with their rules, conditions and OPA groups', () => {
    expect(managedGroupNames(config.identity)).toHaveLength(10_000);
    const count = (type: string) => Object.values(stacks).reduce((n, json) => n + resourcesOf(json, type).length, 0);
    expect(count('okta_group')).toBe(10_000);
    expect(count('okta_group_rule')).toBe(1990);
    expect(config.governance!.conditions).toHaveLength(8009);
    expect(config.privilegedAccess!.resourceGroups).toHaveLength(801);
    expect(Object.keys(stacks).filter((id) => id.startsWith('identity-groups-'))).toHaveLength(8);
  });

  test('scopes the JML role over resource sets of at most 1,000 entries and keeps every function environment under 4 KB', () => {
    const sets = Object.values(stacks).flatMap((json) => resourcesOf(json, 'okta_resource_set'));
    expect(sets.flatMap((set) => set.resources as string[])).toHaveLength(10_001);
    for (const set of sets) expect((set.resources as string[]).length).toBeLessThanOrEqual(1000);
    for (const fn of resourcesOf(stacks['bridge-example'], 'aws_lambda_function')) {
      expect(JSON.stringify(fn.environment.variables).length).toBeLessThan(4096);
    }
  });
});
