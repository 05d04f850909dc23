import fc from 'fast-check';
import type { TerraformStack } from 'cdktf';
import { identityShardStackName, jumpConsistentHash, resourceSetOfGroup, shardOfGroup } from '../../config/sharding';
import { exampleWith } from '../helpers/config';
import { declareForTest, resourcesOf, synthJson, type SynthJson, stackJsonOf } from '../helpers/synth';

/** Synthesized JSON of every identity stack (core and shards) of the example with `shards` shards, by stack id. */
function identityStacks(shards: number, change: (raw: Record<string, any>) => void = () => undefined): Record<string, SynthJson> {
  const { stacks } = declareForTest(exampleWith((raw) => ((raw.identity.shards = shards), change(raw))));
  const all: TerraformStack[] = [stacks.identity, ...stacks.identity.shards];
  return Object.fromEntries(all.map((stack) => [stack.node.id, synthJson(stack)]));
}

const groupNames = (json: SynthJson) =>
  resourcesOf(json, 'okta_group')
    .map((g) => g.name as string)
    .sort();

describe('jump consistent hash', () => {
  test('stays in range and moves a key only into the new bucket when one is added', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 1, max: 200 }), (key, buckets) => {
        const before = jumpConsistentHash(key, buckets);
        const after = jumpConsistentHash(key, buckets + 1);
        expect(before).toBeGreaterThanOrEqual(0);
        expect(before).toBeLessThan(buckets);
        expect(after === before || after === buckets).toBe(true);
      }),
    );
  });

  test('spreads names evenly and refuses a bucket count that is not a positive integer', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[shardOfGroup(`jml-dept-d${i}`, 8)]++;
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(150);
    expect(() => jumpConsistentHash(1n, 0)).toThrow(/positive integer/);
  });

  test('places a name in a shard and in a resource set independently', () => {
    const names = Array.from({ length: 400 }, (_, i) => `jml-role-r${i}`);
    const same = names.filter((name) => shardOfGroup(name, 4) === resourceSetOfGroup(name, 4)).length;
    expect(same).toBeLessThan(150);
  });
});

describe('identity shards', () => {
  const shards = identityStacks(4);

  test('one root module per shard beside identity, named identity-groups-<n>-<env>', () => {
    expect(Object.keys(shards).sort()).toEqual(['identity-example', ...[0, 1, 2, 3].map((n) => `${identityShardStackName(n)}-example`)].sort());
    expect(shards['identity-groups-2-example'].terraform.backend).toEqual({ local: { path: '../../../terraform.identity-groups-2-example.tfstate' } });
  });

  test('each group lives in exactly the shard its name hashes to, the population and the org-wide objects in identity', () => {
    expect(groupNames(shards['identity-example'])).toEqual(['jml-managed-users']);
    expect(Object.keys(shards['identity-example'].resource ?? {})).toEqual(
      expect.arrayContaining(['okta_app_oauth', 'okta_admin_role_custom', 'okta_event_hook', 'okta_resource_set']),
    );
    const everywhere: string[] = [];
    for (let n = 0; n < 4; n++) {
      const names = groupNames(shards[`identity-groups-${n}-example`]);
      for (const name of names) expect(shardOfGroup(name, 4)).toBe(n);
      everywhere.push(...names);
    }
    expect(everywhere.sort()).toEqual(groupNames(identityStacks(1)['identity-example']).filter((n) => n !== 'jml-managed-users'));
  });

  test('keeps Terraform addresses of a group the same in a shard as in identity', () => {
    const single = identityStacks(1)['identity-example'];
    const addresses = (json: SynthJson) => Object.keys(json.resource?.okta_group ?? {});
    const sharded = Object.entries(shards)
      .filter(([id]) => id !== 'identity-example')
      .flatMap(([, json]) => addresses(json));
    expect(sharded.sort()).toEqual(
      addresses(single)
        .filter((a) => !a.startsWith('Population'))
        .sort(),
    );
  });

  test("each shard binds the JML role to its own groups only, reading the role and client id from identity's state", () => {
    for (let n = 0; n < 4; n++) {
      const json = shards[`identity-groups-${n}-example`];
      const groups = Object.keys(json.resource?.okta_group ?? {});
      const sets = resourcesOf(json, 'okta_resource_set');
      if (groups.length === 0) {
        expect(sets).toHaveLength(0);
        continue;
      }
      const listed = sets.flatMap((set) => set.resources as string[]).map((r) => /okta_group\.([^.]+)\.id/.exec(r)?.[1]);
      expect(listed.sort()).toEqual(groups.sort());
      for (const assignment of resourcesOf(json, 'okta_app_oauth_role_assignment')) {
        expect(assignment.role).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-identity-example\.outputs\./);
        expect(assignment.client_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-identity-example\.outputs\./);
      }
    }
  });

  test('a change to one department changes one shard and nothing else of the identity stacks', () => {
    const changed = identityStacks(4, (raw) => (raw.identity.departments[1].value = 'Finance & Treasury'));
    const differing = Object.keys(shards).filter((id) => JSON.stringify(shards[id]) !== JSON.stringify(changed[id]));
    expect(differing).toEqual([`identity-groups-${shardOfGroup('jml-dept-finance', 4)}-example`]);
  });

  test('a new department lands in one shard and moves no other group', () => {
    const grown = identityStacks(4, (raw) => raw.identity.departments.push({ key: 'research', value: 'Research' }));
    const differing = Object.keys(shards).filter((id) => JSON.stringify(shards[id]) !== JSON.stringify(grown[id]));
    expect(differing).toEqual([`identity-groups-${shardOfGroup('jml-dept-research', 4)}-example`]);
  });

  test('every shard outputs the ids of its own groups under the same names', () => {
    for (let n = 0; n < 4; n++) {
      const json = shards[`identity-groups-${n}-example`];
      expect(Object.keys(json.output ?? {}).sort()).toEqual(expect.arrayContaining(['department_group_ids', 'role_group_ids', 'server_access_group_ids']));
    }
    expect(Object.keys(shards['identity-example'].output)).not.toContain('department_group_ids');
  });

  test('is deterministic', () => {
    const again = identityStacks(4);
    for (const id of Object.keys(shards)) expect(JSON.stringify(again[id])).toBe(JSON.stringify(shards[id]));
  });
});

describe('the JML role scope at size', () => {
  test('splits the managed groups over resource sets of at most 1,000 entries, one role assignment each', () => {
    const { stacks } = declareForTest(
      exampleWith((raw) => {
        raw.identity.serverAccessGroups = Array.from({ length: 1700 }, (_, i) => ({ key: `srv-${i}`, description: `Servers ${i}` }));
        delete raw.governance;
        delete raw.privilegedAccess;
      }),
    );
    const json = stackJsonOf(stacks.identity);
    const sets = resourcesOf(json, 'okta_resource_set');
    const groupSets = sets.filter((set) => / managed groups /.test(set.label));
    expect(groupSets.length).toBe(Math.ceil(1707 / 800));
    for (const set of sets) expect((set.resources as string[]).length).toBeLessThanOrEqual(1000);
    expect(groupSets.flatMap((set) => set.resources as string[])).toHaveLength(1707);
    expect(resourcesOf(json, 'okta_app_oauth_role_assignment')).toHaveLength(sets.length);
  });
});
