import { S3Client } from '@aws-sdk/client-s3';
import { systemClock } from '../adapters/clock/system-clock';
import { createDocumentClient, createDynamoClient } from '../adapters/dynamodb/client';
import { DynamoRequestStore } from '../adapters/dynamodb/request-store';
import { JsonLogger } from '../adapters/logging/json-logger';
import { FileSealLedger } from '../adapters/seal/file-seal-ledger';
import { S3SealLedger } from '../adapters/seal/s3-seal-ledger';
import { StoreConfig } from '../config/load';
import { EvidenceSealer } from '../domain/evidence/evidence-sealer';
import { Logger } from '../ports/logger';
import { RequestStore } from '../ports/request-store';
import { StoreSealer } from '../ports/seal-ledger';

/**
 * The DynamoDB-backed store for a configured table (dynalite when `endpoint` is set). When the configuration names a
 * seal bucket (or, locally, a directory), every version it stores is sealed there.
 */
export function buildStore(config: StoreConfig, logger?: Logger): RequestStore {
  const client = createDynamoClient({ region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) });
  return new DynamoRequestStore(createDocumentClient(client), config.tableName, undefined, buildSealer(config, logger));
}

function buildSealer(config: StoreConfig, logger: Logger = new JsonLogger('warn', { service: 'jml-bridge' })): StoreSealer | undefined {
  if (!config.seal) {
    return undefined;
  }
  const ledger = 'bucket' in config.seal ? new S3SealLedger(new S3Client({ region: config.region }), config.seal.bucket) : new FileSealLedger(config.seal.dir);
  return new EvidenceSealer(ledger, systemClock, logger);
}
