import { S3Client } from '@aws-sdk/client-s3';
import { createDocumentClient, createDynamoClient } from '../../adapters/dynamodb/client';
import { EvidenceScan } from '../../adapters/dynamodb/evidence-scan';
import { FileSealLedger } from '../../adapters/seal/file-seal-ledger';
import { S3SealArchive } from '../../adapters/seal/s3-seal-ledger';
import { EvidenceSource } from '../../ports/evidence-source';
import { SealArchive } from '../../ports/seal-ledger';
import { ENV } from '../../../contract/env-names';
import { readLocalState } from '../store-from-env';

/**
 * The variables the audit CLIs read. The table and the seal bucket are read with the profile `BRIDGE_SEAL_PROFILE`
 * names when set (a shared-config profile that assumes the bridge stack's seal auditor role, which may only read the
 * table and list and read seals), so what an auditor trusts is read through a role nobody can write with; without it,
 * with the default AWS credentials.
 */
export const AUDIT_ENV = {
  table: ENV.tableName,
  region: ENV.region,
  dynamoEndpoint: ENV.dynamoEndpoint,
  sealBucket: ENV.sealBucket,
  sealDir: ENV.sealDir,
  sealProfile: 'BRIDGE_SEAL_PROFILE',
} as const;

/**
 * The table (read-only use) and the seal archive named by the environment, or those of a running
 * `npm run bridge:local`. The seals must come from somewhere the table's administrators cannot write.
 */
export function openEvidence(env: NodeJS.ProcessEnv = process.env): { source: EvidenceSource; archive: SealArchive } {
  const table = env[AUDIT_ENV.table];
  if (table) {
    const region = env[AUDIT_ENV.region] ?? 'us-east-1';
    const endpoint = env[AUDIT_ENV.dynamoEndpoint];
    const bucket = env[AUDIT_ENV.sealBucket];
    const dir = env[AUDIT_ENV.sealDir];
    if (!bucket && !dir) {
      throw new Error(`set ${AUDIT_ENV.sealBucket} to the seal bucket (the bridge stack's output) so the table can be checked against its seals`);
    }
    const profile = env[AUDIT_ENV.sealProfile];
    const doc = createDocumentClient(createDynamoClient({ region, ...(endpoint ? { endpoint } : profile ? { profile } : {}) }));
    const s3 = () => new S3Client({ region, ...(profile ? { profile } : {}) });
    return { source: new EvidenceScan(doc, table), archive: bucket ? new S3SealArchive(s3(), bucket) : new FileSealLedger(dir!) };
  }
  const local = readLocalState();
  if (!local?.sealDir) {
    throw new Error(
      `set ${AUDIT_ENV.table} and ${AUDIT_ENV.sealBucket} (and ${AUDIT_ENV.sealProfile}, a profile that assumes the seal auditor role), or start the local stack first with: npm run bridge:local`,
    );
  }
  const doc = createDocumentClient(createDynamoClient({ region: 'local', endpoint: local.dynamoEndpoint }));
  return { source: new EvidenceScan(doc, local.tableName), archive: new FileSealLedger(local.sealDir) };
}

/** `--from <day> --to <day>`; `--to` defaults to `--from`. */
export function periodOf(args: readonly string[], usage: string): { from: string; to: string; rest: Map<string, string> } {
  const rest = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!;
    if (!name.startsWith('--') || args[i + 1] === undefined || args[i + 1]!.startsWith('--')) {
      throw new Error(`${name.startsWith('--') ? `${name} needs a value` : `unexpected argument '${name}'`}; ${usage}`);
    }
    rest.set(name.slice(2), args[++i]!);
  }
  const from = rest.get('from');
  if (!from) {
    throw new Error(usage);
  }
  const to = rest.get('to') ?? from;
  rest.delete('from');
  rest.delete('to');
  return { from, to, rest };
}
