import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { LOCAL_STATE_FILE, LocalState } from '../../src/cli/store-from-env';
import { LOCAL_TABLE, startLocalEnvironment } from './environment';

/**
 * `npm run bridge:local`: the whole stack on this machine, until Ctrl-C. Prints the URLs; writes them (and this run's
 * throwaway webhook secret, so that `bridge:thread` / `bridge:replay` and hand-made requests can reach the stack) to
 * the git-ignored `.local/bridge-local.json`, which is removed on exit.
 */
async function main(): Promise<void> {
  const port = Number(process.env.BRIDGE_PORT ?? 8787);
  const local = await startLocalEnvironment({ bridgePort: port, logLevel: process.env.LOG_LEVEL ?? 'info' });
  const control = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.method === 'POST' && req.url === '/replay') {
          const { requestNumber } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { requestNumber?: string };
          const replayed = await local.bridge.replay.replay(requestNumber);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ replayed: replayed.map((t) => `${t.requestNumber} (${t.correlationId})`) }));
          return;
        }
        if (req.method === 'POST' && req.url === '/release') {
          const released = await local.bridge.replay.releaseDue();
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ released: released.map((t) => t.requestNumber) }));
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'local control endpoints: POST /replay, POST /release' }));
      })().catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: error instanceof Error ? error.message : String(error) }));
      });
    });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
  const state: LocalState & Record<string, string> = {
    bridgeUrl: local.bridge.url,
    controlUrl,
    dynamoEndpoint: local.dynamoEndpoint,
    tableName: LOCAL_TABLE,
    oktaUrl: local.okta.url,
    serviceNowUrl: local.serviceNow.url,
    webhookSecret: local.webhookSecret,
    ...(local.sealDir ? { sealDir: local.sealDir } : {}),
  };
  mkdirSync(dirname(LOCAL_STATE_FILE), { recursive: true });
  writeFileSync(LOCAL_STATE_FILE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  process.stderr.write(
    [
      'JML bridge running locally (Ctrl-C to stop)',
      `  intake       POST ${local.bridge.url}/v1/jml`,
      `  event hook   GET|POST ${local.bridge.url}/v1/okta/events (registered with the Okta simulator)`,
      `  health       GET ${local.bridge.url}/health`,
      `  Okta simulator       ${local.okta.url}`,
      `  ServiceNow simulator ${local.serviceNow.url}`,
      `  DynamoDB (dynalite)  ${local.dynamoEndpoint}  table ${LOCAL_TABLE}`,
      `  managed groups       ${local.managedGroups.join(', ')}`,
      `  state file           ${LOCAL_STATE_FILE} (URLs and this run's throwaway webhook secret)`,
      '',
    ].join('\n'),
  );
  const stop = async () => {
    control.close();
    await local.close();
    rmSync(LOCAL_STATE_FILE, { force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
