import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { parse, stringify } from 'yaml';
import { managedGroupsEnvironment } from '../../bench/scale-environment';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../../config/load';
import { managedGroupNames } from '../../config/naming';
import { annotationsOf } from '../../guardrails/annotations';
import { declareForTest, resourcesOf, type SynthJson } from '../helpers/synth';

/**
 * The acceptance case of docs/service-limits.md: an environment of 10,000 managed groups (1,990 birthright groups with
 * their rules, 8,009 requestable server-access groups with a request condition each and 801 OPA resource groups) over
 * 8 identity shards synthesizes with no service-limit and no least-privilege error. Slow by nature (about 40,000
 * resources); `npm run bench` measures the same tenant's synth time.
 */
describe('an environment of 10,000 managed groups', () => {
  const example = parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), 'utf8')) as Record<string, any>;
  const config = parseEnvironment(stringify(managedGroupsEnvironment(example, 10_000, 8)), 'example.yaml');
  const { stacks } = declareForTest(config);
  const all: TerraformStack[] = [stacks.bridge, stacks.identity, ...stacks.identity.shards, stacks.governance!, stacks.privilegedAccess!, stacks.servicenow!];
  const synthesized = new Map<string, SynthJson>();
  const errors: string[] = [];

  beforeAll(() => {
    for (const stack of all) {
      stack.prepareStack();
      synthesized.set(stack.node.id, JSON.parse(Testing.synth(stack, true)) as SynthJson);
      errors.push(...annotationsOf(stack).filter((a) => a.level === 'error').map((a) => `${a.path}: ${a.message}`));
    }
  }, 900_000);

  test('is what the acceptance names: 10,000 managed groups with their rules, conditions and OPA groups', () => {
    expect(managedGroupNames(config.identity)).toHaveLength(10_000);
    const count = (type: string) => [...synthesized.values()].reduce((n, json) => n + resourcesOf(json, type).length, 0);
    expect(count('okta_group')).toBe(10_000);
    expect(count('okta_group_rule')).toBe(1990);
    expect(config.governance!.conditions).toHaveLength(8009);
    expect(config.privilegedAccess!.resourceGroups).toHaveLength(801);
  });

  test('passes every service-limit and least-privilege rule', () => {
    expect(errors).toEqual([]);
  });

  test('scopes the JML role over resource sets of at most 1,000 entries and keeps every function environment under 4 KB', () => {
    const sets = [...synthesized.values()].flatMap((json) => resourcesOf(json, 'okta_resource_set'));
    expect(sets.flatMap((set) => set.resources as string[])).toHaveLength(10_001);
    for (const set of sets) expect((set.resources as string[]).length).toBeLessThanOrEqual(1000);
    for (const fn of resourcesOf(synthesized.get(stacks.bridge.node.id)!, 'aws_lambda_function')) {
      expect(JSON.stringify(fn.environment.variables).length).toBeLessThan(4096);
    }
  });
});
