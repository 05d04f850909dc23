import { BRIDGE_RESOURCES, SEAL_WRITE_PREFIXES, type ResourceName } from '../bridge/contract';
import type { BridgeTable, TableAction } from '../constructs/bridge-table';
import type { FifoQueue, QueueAction } from '../constructs/fifo-queue';
import type { IGrantable } from '../constructs/iam-grants';
import type { LockedBucket } from '../constructs/locked-bucket';
import type { OutOfBandSecret } from '../constructs/out-of-band-secret';

/**
 * How the bridge stack grants a manifest entry's `access` on one resource, and what the resource's variable
 * (`BRIDGE_RESOURCES[name].variable`) is set to. One binding per resource of `bridge/contract/resources.ts`.
 */
export interface ResourceBinding {
  /** The value of the resource's variable: a table name, a queue URL, a secret ARN. */
  readonly value: string;
  grant(grantee: IGrantable, actions: readonly string[]): void;
}

/** A binding for every resource; optional resources may be absent from a configuration. */
export type ResourceBindings = {
  readonly [R in ResourceName]: (typeof BRIDGE_RESOURCES)[R] extends { readonly optional: true } ? ResourceBinding | undefined : ResourceBinding;
};

export function tableBinding(table: BridgeTable): ResourceBinding {
  return { value: table.tableName, grant: (grantee, actions) => table.grant(grantee, actions as TableAction[]) };
}

export function queueBinding(queue: FifoQueue): ResourceBinding {
  return { value: queue.queueUrl, grant: (grantee, actions) => queue.grant(grantee, actions as QueueAction[]) };
}

export function secretBinding(secret: OutOfBandSecret): ResourceBinding {
  return {
    value: secret.secretArn,
    grant: (grantee, actions) => {
      if (actions.length !== 1 || actions[0] !== 'secretsmanager:GetSecretValue') {
        throw new Error(`secret ${secret.node.id}: only secretsmanager:GetSecretValue can be granted, not ${actions.join(', ')}`);
      }
      secret.grantRead(grantee);
    },
  };
}

/** The seal bucket: functions may only put seals, under the key prefix seals are written to. */
export function sealBucketBinding(bucket: LockedBucket): ResourceBinding {
  return {
    value: bucket.bucketName,
    grant: (grantee, actions) => {
      if (actions.length !== 1 || actions[0] !== 's3:PutObject') {
        throw new Error(`seal bucket ${bucket.node.id}: only s3:PutObject can be granted (seals are write-once), not ${actions.join(', ')}`);
      }
      bucket.grantPut(grantee, SEAL_WRITE_PREFIXES, 'PutSeals');
    },
  };
}
