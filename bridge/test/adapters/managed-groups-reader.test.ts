import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { managedGroupsItems } from '../../contract/managed-groups';
import { seedConfigTable } from '../../dev/local/config-table';
import { startDynalite } from '../../dev/local/dynalite';
import { createDocumentClient, createDynamoClient } from '../../src/adapters/dynamodb/client';
import { readManagedGroups } from '../../src/adapters/dynamodb/managed-groups-reader';

describe('readManagedGroups', () => {
  let dynamo: Awaited<ReturnType<typeof startDynalite>>;
  const client = () => createDocumentClient(createDynamoClient({ region: 'local', endpoint: dynamo.endpoint }));

  beforeAll(async () => {
    dynamo = await startDynalite('unused-thread-table');
  });
  afterAll(() => dynamo.close());

  test('returns the names in order across chunks when the digest matches', async () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `jml-access-group-number-${i}`);
    expect(managedGroupsItems(names).chunks.length).toBeGreaterThan(1);
    const env = await seedConfigTable(dynamo.endpoint, 'config-many', names);
    expect(await readManagedGroups(client(), 'config-many', env.BRIDGE_MANAGED_GROUPS_DIGEST)).toEqual(names);
  });

  test('fails, naming the table and both digests, when the function expects another list', async () => {
    await seedConfigTable(dynamo.endpoint, 'config-other', ['jml-managed-users']);
    await expect(readManagedGroups(client(), 'config-other', 'f'.repeat(64))).rejects.toThrow(
      /configuration table config-other holds managed groups with digest [0-9a-f]{64}, this function expects f{64}; .*redeploy the bridge stack/,
    );
  });

  test('fails when a chunk comes from another deploy than the head (Terraform mid-apply)', async () => {
    const names = ['jml-managed-users', 'jml-dept-a'];
    const env = await seedConfigTable(dynamo.endpoint, 'config-mixed', names);
    await client().send(
      new PutCommand({ TableName: 'config-mixed', Item: { pk: 'managed-groups#0', names: JSON.stringify(['jml-managed-users', 'jml-dept-b']) } }),
    );
    await expect(readManagedGroups(client(), 'config-mixed', env.BRIDGE_MANAGED_GROUPS_DIGEST)).rejects.toThrow(/chunks from two deploys/);
  });

  test('fails with the fix when the table holds no managed-groups item', async () => {
    await seedConfigTable(dynamo.endpoint, 'config-empty', ['x']);
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await client().send(new DeleteCommand({ TableName: 'config-empty', Key: { pk: 'managed-groups' } }));
    await expect(readManagedGroups(client(), 'config-empty', 'a'.repeat(64))).rejects.toThrow(
      /configuration table config-empty has no managed-groups item; deploy the bridge stack/,
    );
  });
});
