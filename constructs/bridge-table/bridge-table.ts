import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import type { EncryptionKey } from '../encryption-key';
import { sidFor, type IGrantable } from '../iam-grants';

/** The DynamoDB actions a grant may name (the ones the bridge performs). */
export const TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

/** A key attribute of a table or index. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/**
 * A table described as plain data, as the bridge publishes it (`bridge/contract/table.ts`),
 * so the deployed table and the local one are created from the same object.
 */
export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly billingMode: 'PAY_PER_REQUEST';
  readonly ttlAttribute?: string;
  readonly globalSecondaryIndexes?: readonly {
    readonly indexName: string;
    readonly partitionKey: KeyAttribute;
    readonly sortKey?: KeyAttribute;
    readonly projection: 'ALL' | 'KEYS_ONLY';
  }[];
}

export interface BridgeTableProps {
  readonly tableName: string;
  readonly definition: TableDefinition;
  /** The customer-managed key the table is encrypted with. */
  readonly encryptionKey: EncryptionKey;
  /** @default true */
  readonly deletionProtection?: boolean;
}

/**
 * A DynamoDB table built from a {@link TableDefinition}: on-demand, encrypted with a customer-managed KMS key,
 * point-in-time recovery on, TTL on the definition's expiry attribute, deletion protection on by default.
 */
export class BridgeTable extends Construct {
  public readonly resource: DynamodbTable;
  public readonly tableName: string;
  public readonly tableArn: string;
  /** ARN of each global secondary index, by index name: grants name indexes exactly rather than `index/*`. */
  public readonly indexArns: Readonly<Record<string, string>>;
  private readonly encryptionKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: BridgeTableProps) {
    super(scope, id);
    const { definition } = props;
    this.encryptionKey = props.encryptionKey;
    const indexes = definition.globalSecondaryIndexes ?? [];
    const attributes = new Map<string, KeyAttribute>();
    for (const key of [definition.partitionKey, definition.sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
      if (!key) continue;
      const seen = attributes.get(key.name);
      if (seen && seen.type !== key.type) {
        throw new Error(
          `table ${props.tableName}: key attribute "${key.name}" is declared as ${seen.type} and as ${key.type}; give it one type in the table definition`,
        );
      }
      attributes.set(key.name, key);
    }
    this.resource = new DynamodbTable(this, 'Resource', {
      name: props.tableName,
      billingMode: definition.billingMode,
      hashKey: definition.partitionKey.name,
      rangeKey: definition.sortKey?.name,
      attribute: [...attributes.values()].map((a) => ({ name: a.name, type: a.type })),
      globalSecondaryIndex: indexes.map((index) => ({
        name: index.indexName,
        hashKey: index.partitionKey.name,
        rangeKey: index.sortKey?.name,
        projectionType: index.projection,
      })),
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.encryptionKey.keyArn },
      ttl: definition.ttlAttribute ? { enabled: true, attributeName: definition.ttlAttribute } : undefined,
      deletionProtectionEnabled: props.deletionProtection ?? true,
    });
    this.tableName = this.resource.name;
    this.tableArn = this.resource.arn;
    this.indexArns = Object.fromEntries(indexes.map((index) => [index.indexName, `${this.tableArn}/index/${index.indexName}`]));
  }

  /**
   * Lets `grantee` perform exactly `actions`: the item actions (`GetItem`, `PutItem`, `UpdateItem`) on the table,
   * `dynamodb:Query` on each index (the bridge queries only by index), and the table key through DynamoDB only:
   * `kms:Decrypt`, `kms:DescribeKey` for any access, plus `kms:Encrypt`, `kms:GenerateDataKey` when an action writes
   * (aws-cdk's sets, without its `ReEncrypt*` and `GenerateDataKey*` wildcards). The bridge never deletes: expiry is TTL's job.
   */
  public grant(grantee: IGrantable, actions: readonly TableAction[]): void {
    const unknown = actions.filter((a) => !(TABLE_ACTIONS as readonly string[]).includes(a));
    if (unknown.length > 0 || actions.length === 0) {
      throw new Error(`table ${this.node.id}: grant ${unknown.join(', ') || 'no action'}; grant one or more of ${TABLE_ACTIONS.join(', ')}`);
    }
    const itemActions = TABLE_ACTIONS.filter((a) => a !== 'dynamodb:Query' && actions.includes(a));
    if (itemActions.length > 0) {
      grantee.addToPrincipalPolicy({ sid: sidFor(this, 'Items'), actions: itemActions, resources: [this.tableArn] });
    }
    const indexArns = Object.values(this.indexArns);
    if (actions.includes('dynamodb:Query') && indexArns.length > 0) {
      grantee.addToPrincipalPolicy({ sid: sidFor(this, 'QueryIndexes'), actions: ['dynamodb:Query'], resources: indexArns });
    }
    const writes = actions.some((a) => a === 'dynamodb:PutItem' || a === 'dynamodb:UpdateItem');
    this.encryptionKey.grantUseVia(
      grantee,
      'dynamodb',
      writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'],
      sidFor(this, 'Key'),
    );
  }

  /**
   * Lets an auditor read every item, as `bridge:verify` and `bridge:evidence` do: `dynamodb:Scan` and `GetItem` on the
   * table (no index, no write) and the key through DynamoDB for decryption only. Kept apart from {@link grant}, whose
   * actions are the bridge's own: no function scans.
   */
  public grantAuditRead(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({ sid: sidFor(this, 'AuditRead'), actions: ['dynamodb:Scan', 'dynamodb:GetItem'], resources: [this.tableArn] });
    this.encryptionKey.grantUseVia(grantee, 'dynamodb', ['kms:Decrypt', 'kms:DescribeKey'], sidFor(this, 'AuditKey'));
  }

  /** Lets `grantee` read items: {@link grant} of `GetItem` and `Query`. */
  public grantReadData(grantee: IGrantable): void {
    this.grant(grantee, ['dynamodb:GetItem', 'dynamodb:Query']);
  }

  /** Lets `grantee` read and write items: {@link grant} of `GetItem`, `PutItem`, `UpdateItem` and `Query`. */
  public grantReadWriteData(grantee: IGrantable): void {
    this.grant(grantee, TABLE_ACTIONS);
  }
}
