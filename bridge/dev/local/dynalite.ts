import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { ensureTable } from '../../src/adapters/dynamodb/create-table';
import { createDynamoClient } from '../../src/adapters/dynamodb/client';

// dynalite ships no type declarations; this is the part of its API used here (docs/reference/local-emulators.md §6.5).
const dynalite = require('dynalite') as (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

/**
 * Starts an in-memory dynalite on a loopback port chosen by the OS and creates the bridge table in it from the
 * shared table definition (tables become ACTIVE at once: `createTableMs: 0`).
 */
export async function startDynalite(tableName: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createDynamoClient({ region: 'local', endpoint });
  await ensureTable(client, tableName);
  client.destroy();
  return {
    endpoint,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
