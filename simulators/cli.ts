import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import { ALL_SIMULATED_SCOPES, startOktaSimulator } from './okta';
import { startOpaSimulator } from './opa';
import { startServiceNowSimulator } from './servicenow';

/**
 * Local demo: starts the Okta, ServiceNow and OPA simulators on fixed ports and writes the throw-away credentials
 * (service-app private JWK, ServiceNow integration password, OPA service-user key) to a 0600 file whose path is
 * printed, never the secrets themselves.
 *
 *   npm run simulators -- --group Engineering --group Finance
 *   OKTA_SIM_EVENT_HOOK_URL=http://127.0.0.1:3000/v1/okta/events OKTA_SIM_EVENT_HOOK_AUTH='Bearer …' npm run simulators
 */

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'okta-port': { type: 'string', default: '8790' },
      'servicenow-port': { type: 'string', default: '8791' },
      'opa-port': { type: 'string', default: '8792' },
      group: { type: 'string', multiple: true, default: ['Engineering', 'Finance', 'Sales & Marketing'] },
      'credentials-file': { type: 'string', default: join(tmpdir(), 'jml-simulators-credentials.json') },
    },
  });
  const oktaPort = port(values['okta-port'] as string, '--okta-port');
  const serviceNowPort = port(values['servicenow-port'] as string, '--servicenow-port');
  const opaPort = port(values['opa-port'] as string, '--opa-port');

  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'simulator-demo';
  const clientId = '0oasimulatorbridge01';
  const okta = await startOktaSimulator({
    port: oktaPort,
    clients: [{ clientId, publicJwk: { ...(await exportJWK(publicKey)), kid }, grantedScopes: ALL_SIMULATED_SCOPES, displayName: 'JML bridge (demo)' }],
    groups: (values.group as string[]).map((name) => ({ name })),
  });
  const serviceNowPassword = randomBytes(18).toString('base64url');
  const servicenow = await startServiceNowSimulator({
    port: serviceNowPort,
    users: [{ username: 'svc.okta_bridge', password: serviceNowPassword }],
  });
  const ritm = servicenow.seedRequestItem({ short_description: 'Demo joiner request' });
  // The example environment's team and AD domain; resource groups and projects are what the oktapam provider would make.
  const opaKey = { keyId: randomUUID(), keySecret: randomBytes(24).toString('base64url') };
  const opa = await startOpaSimulator({ port: opaPort, team: 'example-team', serviceUsers: [{ ...opaKey, name: 'svc-terraform' }] });
  const adConnection = opa.state.seedAdConnection({ domain: 'corp.example.com' });

  const credentialsFile = values['credentials-file'] as string;
  writeFileSync(
    credentialsFile,
    JSON.stringify(
      {
        okta: { orgUrl: okta.url, clientId, keyId: kid, privateJwk: { ...(await exportJWK(privateKey)), kid }, scopes: ALL_SIMULATED_SCOPES },
        servicenow: { instanceUrl: servicenow.url, username: 'svc.okta_bridge', password: serviceNowPassword, demoRequestItem: ritm },
        opa: { apiHost: opa.url, team: opa.team, keyId: opaKey.keyId, keySecret: opaKey.keySecret, adConnectionId: adConnection.id },
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );

  const hookUrl = process.env.OKTA_SIM_EVENT_HOOK_URL;
  if (hookUrl) {
    const hookAuth = process.env.OKTA_SIM_EVENT_HOOK_AUTH;
    okta
      .registerEventHook({ url: hookUrl, ...(hookAuth ? { authHeader: { key: 'Authorization', value: hookAuth } } : {}) })
      .then(() => console.log(`event hook verified: ${hookUrl}`))
      .catch((err: Error) => console.error(`${err.message}; start the receiver first, then restart the simulators`));
  }

  console.log(`Okta simulator:      ${okta.url} (client ${clientId}, groups: ${(values.group as string[]).join(', ')})`);
  console.log(`ServiceNow simulator: ${servicenow.url} (user svc.okta_bridge, demo item ${ritm.number} ${ritm.sys_id})`);
  console.log(`OPA simulator:        ${opa.url} (team ${opa.team}, AD connection corp.example.com ${adConnection.id})`);
  console.log(`credentials written to ${credentialsFile} (mode 0600)`);

  const stop = (): void => {
    void Promise.all([okta.close(), servicenow.close(), opa.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function port(raw: string, flag: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${flag} must be a TCP port from 1 to 65535, but ${raw} was provided`);
  }
  return value;
}

main().catch((err: Error) => {
  console.error(`simulators failed to start: ${err.message}`);
  process.exit(1);
});
