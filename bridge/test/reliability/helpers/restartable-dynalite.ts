import * as fs from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createDynamoClient } from '../../../src/adapters/dynamodb/client';
import { ensureTable } from '../../../src/adapters/dynamodb/create-table';

// dynalite ships no type declarations; `path` keeps the data in LevelDB on disk, so a restart finds it again.
const dynalite = require('dynalite') as (options: { path?: string; createTableMs?: number }) => Server;

/** A dynalite that can be stopped and started again on the same port with the same data, as an outage would. */
export interface RestartableDynalite {
  readonly endpoint: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  dispose(): Promise<void>;
}

export async function startRestartableDynalite(tableName: string): Promise<RestartableDynalite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dynalite-'));
  let server: Server | undefined;
  let port = 0;
  const start = async () => {
    const next = dynalite({ path: dir, createTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };
  const stop = async () => {
    const current = server;
    server = undefined;
    if (current) {
      current.closeAllConnections?.();
      await new Promise<void>((resolve, reject) => current.close((error) => (error ? reject(error) : resolve())));
    }
  };
  await start();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoClient({ region: 'local', endpoint });
  await ensureTable(client, tableName);
  client.destroy();
  return {
    endpoint,
    stop,
    start,
    dispose: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
