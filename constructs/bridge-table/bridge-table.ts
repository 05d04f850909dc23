import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import type { EncryptionKey } from '../encryption-key';
import { sidFor, type IGrantable } from '../iam-grants';

/** A key attribute of a table or index. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/**
 * A table described as plain data, as the bridge publishes it (`bridge/src/adapters/dynamodb/table-definition.ts`),
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
   * Lets `grantee` read items: `dynamodb:GetItem` on the table, `dynamodb:Query` on each index (the bridge queries
   * only by index), and `kms:Decrypt`, `kms:DescribeKey` on the table key through DynamoDB only.
   */
  public grantReadData(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({ sid: sidFor(this, 'Read'), actions: ['dynamodb:GetItem'], resources: [this.tableArn] });
    this.grantIndexQueries(grantee);
    this.encryptionKey.grantUseVia(grantee, 'dynamodb', ['kms:Decrypt', 'kms:DescribeKey'], sidFor(this, 'KeyRead'));
  }

  /**
   * Lets `grantee` read and write items: `dynamodb:GetItem`, `dynamodb:PutItem` and `dynamodb:UpdateItem` on the table
   * (the bridge never deletes: expiry is TTL's job), `dynamodb:Query` on each index, and `kms:Decrypt`,
   * `kms:DescribeKey`, `kms:Encrypt`, `kms:GenerateDataKey` on the table key through DynamoDB only (aws-cdk's set,
   * without its `ReEncrypt*` and `GenerateDataKey*` wildcards).
   */
  public grantReadWriteData(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({
      sid: sidFor(this, 'ReadWrite'),
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [this.tableArn],
    });
    this.grantIndexQueries(grantee);
    this.encryptionKey.grantUseVia(
      grantee,
      'dynamodb',
      ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      sidFor(this, 'KeyReadWrite'),
    );
  }

  private grantIndexQueries(grantee: IGrantable): void {
    const indexArns = Object.values(this.indexArns);
    if (indexArns.length > 0) {
      grantee.addToPrincipalPolicy({ sid: sidFor(this, 'QueryIndexes'), actions: ['dynamodb:Query'], resources: indexArns });
    }
  }
}
