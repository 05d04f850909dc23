import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStore } from '../composition/store';
import { loadConfig } from '../config/load';
import { ENV } from '../../contract/env-names';
import { RequestStore } from '../ports/request-store';

/** Written by `npm run bridge:local` so that the CLIs can reach the running local stack. Git-ignored. */
export const LOCAL_STATE_FILE = join(__dirname, '..', '..', '..', '.local', 'bridge-local.json');

export interface LocalState {
  readonly bridgeUrl: string;
  readonly controlUrl: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /** The run's seal directory (`bridge:verify`, `bridge:evidence`). */
  readonly sealDir?: string;
}

export function readLocalState(): LocalState | undefined {
  return existsSync(LOCAL_STATE_FILE) ? (JSON.parse(readFileSync(LOCAL_STATE_FILE, 'utf8')) as LocalState) : undefined;
}

/**
 * The store named by the environment (`BRIDGE_TABLE_NAME`, in AWS with the usual credentials), or else the one of a
 * running `npm run bridge:local`.
 */
export async function storeFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<RequestStore> {
  if (env[ENV.tableName]) {
    return buildStore((await loadConfig(['store'], env)).store);
  }
  const local = readLocalState();
  if (!local) {
    throw new Error(`set ${ENV.tableName} (and AWS credentials), or start the local stack first with: npm run bridge:local`);
  }
  return buildStore({ tableName: local.tableName, region: 'local', endpoint: local.dynamoEndpoint });
}
