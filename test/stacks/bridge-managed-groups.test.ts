import { managedGroupsDigest, MANAGED_GROUPS_CHUNK_BYTES } from '../../bridge/contract/managed-groups';
import { managedGroupNames } from '../../config/naming';
import { exampleWith } from '../helpers/config';
import { declareForTest, resourcesOf, synthJson } from '../helpers/synth';

const PREFIX = 'jml-bridge-example';

function bridgeJson(change: (raw: Record<string, any>) => void = () => undefined) {
  const config = exampleWith(change);
  return { config, json: synthJson(declareForTest(config).stacks.bridge) };
}

const functionNamed = (json: ReturnType<typeof synthJson>, name: string) =>
  resourcesOf(json, 'aws_lambda_function').find((fn) => fn.function_name === `${PREFIX}-${name}`)!;

describe('managed groups reach the bridge through its configuration table, not its environment', () => {
  const { config, json } = bridgeJson();

  test('Terraform writes the names as items of an encrypted, recoverable configuration table', () => {
    const table = resourcesOf(json, 'aws_dynamodb_table').find((t) => t.name === `${PREFIX}-config`)!;
    expect(table).toMatchObject({ hash_key: 'pk', point_in_time_recovery: { enabled: true }, server_side_encryption: { enabled: true } });
    const items = resourcesOf(json, 'aws_dynamodb_table_item').map((item) => JSON.parse(item.item));
    const head = items.find((item) => item.pk.S === 'managed-groups');
    const names = items.filter((item) => item.pk.S !== 'managed-groups').flatMap((item) => JSON.parse(item.names.S));
    expect(names).toEqual(managedGroupNames(config.identity));
    expect(head).toEqual({ pk: { S: 'managed-groups' }, chunks: { N: '1' }, digest: { S: managedGroupsDigest(names) } });
  });

  test('the intake and worker carry only the digest, may only read the configuration table, and are updated after its items', () => {
    for (const name of ['intake', 'worker']) {
      const fn = functionNamed(json, name);
      expect(fn.environment.variables.BRIDGE_MANAGED_GROUPS_DIGEST).toBe(managedGroupsDigest(managedGroupNames(config.identity)));
      expect(fn.environment.variables).not.toHaveProperty('BRIDGE_MANAGED_GROUPS');
      expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_dynamodb_table_item\./)]));
    }
    const configArn = /aws_dynamodb_table\.ConfigTable_\w+\.arn/;
    const statements = resourcesOf(json, 'aws_iam_role_policy').map((p) => p.policy as string);
    const onConfig = Object.values<any>(json.data?.aws_iam_policy_document ?? {})
      .flatMap((doc) => doc.statement ?? [])
      .filter((s: any) => (s.resources ?? []).some((r: string) => configArn.test(r)));
    expect(statements.length).toBeGreaterThan(0);
    expect(onConfig.length).toBe(2);
    for (const statement of onConfig) expect(statement.actions).toEqual(['dynamodb:GetItem']);
  });

  test('a tenant of 10,000 groups keeps every environment under 4 KB and splits the names over items under 400 KB', () => {
    const { json: large } = bridgeJson((raw) => {
      raw.identity.serverAccessGroups = Array.from({ length: 10_000 }, (_, i) => ({
        key: `srv-${i}-servers-of-a-long-team-name`,
        description: `Servers ${i}`,
      }));
      delete raw.governance;
      delete raw.privilegedAccess;
    });
    for (const fn of resourcesOf(large, 'aws_lambda_function')) {
      const bytes = Object.entries<string>(fn.environment.variables).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
      expect(bytes).toBeLessThan(2048);
    }
    const items = resourcesOf(large, 'aws_dynamodb_table_item');
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) expect(Buffer.byteLength(item.item)).toBeLessThan(MANAGED_GROUPS_CHUNK_BYTES + 64 * 1024);
  });

  test("a change of groups changes the digest and the items, never a function's code", () => {
    // Both synthesized back to back, so an edit of the bridge's sources between them cannot change the code.
    const { json: before } = bridgeJson();
    const { json: changed } = bridgeJson((raw) => raw.identity.departments.push({ key: 'research', value: 'Research' }));
    for (const name of ['intake', 'worker', 'event-hook', 'health', 'scheduler']) {
      expect(functionNamed(changed, name).source_code_hash).toBe(functionNamed(before, name).source_code_hash);
    }
    expect(functionNamed(changed, 'worker').environment.variables.BRIDGE_MANAGED_GROUPS_DIGEST).not.toBe(
      functionNamed(before, 'worker').environment.variables.BRIDGE_MANAGED_GROUPS_DIGEST,
    );
  });
});
