import { DynamodbTableItem } from '@cdktf/provider-aws/lib/dynamodb-table-item';
import { Construct } from 'constructs';
import { managedGroupsItems, type ManagedGroupsChunkItem, type ManagedGroupsHeadItem } from '../../bridge/contract/managed-groups';
import type { BridgeTable } from '../bridge-table';

export interface ManagedGroupsConfigProps {
  /** The bridge's configuration table (`CONFIG_TABLE`). */
  readonly table: BridgeTable;
  /** Every managed group name, population first (`config/naming.ts`). */
  readonly names: readonly string[];
}

/** One item as DynamoDB JSON, every attribute typed: what `aws_dynamodb_table_item.item` takes. */
function dynamoJson(item: ManagedGroupsHeadItem | ManagedGroupsChunkItem): string {
  const typed = Object.fromEntries(Object.entries(item).map(([name, value]) => [name, typeof value === 'number' ? { N: String(value) } : { S: value }]));
  return JSON.stringify(typed);
}

/**
 * The bridge's managed-group names as configuration-table items Terraform owns (`bridge/contract/managed-groups.ts`):
 * the bridge reads them at cold start and caches them, so the list can grow without limit while the functions'
 * environment carries only its digest. Chunks are written before the head that names their digest.
 */
export class ManagedGroupsConfig extends Construct {
  /** Digest of the list; functions get it as `BRIDGE_MANAGED_GROUPS_DIGEST`. */
  public readonly digest: string;
  public readonly items: readonly DynamodbTableItem[];

  constructor(scope: Construct, id: string, props: ManagedGroupsConfigProps) {
    super(scope, id);
    const { head, chunks } = managedGroupsItems(props.names);
    this.digest = head.digest;
    const chunkItems = chunks.map(
      (chunk, n) => new DynamodbTableItem(this, `Chunk${n}`, { tableName: props.table.tableName, hashKey: 'pk', item: dynamoJson(chunk) }),
    );
    const headItem = new DynamodbTableItem(this, 'Head', {
      tableName: props.table.tableName,
      hashKey: 'pk',
      item: dynamoJson(head),
      dependsOn: chunkItems,
    });
    this.items = [...chunkItems, headItem];
  }
}
