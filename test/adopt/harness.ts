import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import {
  startOktaSimulator,
  startServiceNowSimulator,
  type OktaSimulator,
  type OktaSimulatorOptions,
  type ServiceNowSimulator,
  type OpaSimulator,
} from '../../simulators';
import { startOpaSimulator } from '../../simulators/opa';
import { ADOPTION_OKTA_SCOPES } from '../../tools/adopt/okta-read';
import { adopt, type AdoptResult } from '../../tools/adopt/adopt';

export const READ_USER = { username: 'svc.adopt.readonly', password: 'read-only-test-password' };
export const OPA_KEY = { keyId: '7d2c0a61-3f5e-4a8b-9c1d-2e3f4a5b6c7d', keySecret: 'opa-test-secret' };

export interface RunningOrg {
  readonly okta: OktaSimulator;
  readonly servicenow: ServiceNowSimulator;
  readonly opa: OpaSimulator;
  readonly privateKeyPem: string;
  readonly clientId: string;
  close(): Promise<void>;
}

/** Starts the three simulators with a read-only Okta service app (private_key_jwt), a ServiceNow reader and an OPA service user. */
export async function startOrg(okta: OktaSimulatorOptions, servicenowTables: Record<string, Record<string, string>[]>, team: string): Promise<RunningOrg> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'adopt-read', alg: 'RS256' };
  const clientId = '0oaADOPTREADONLY0001';
  const oktaSim = await startOktaSimulator({ ...okta, clients: [{ clientId, publicJwk, grantedScopes: [...ADOPTION_OKTA_SCOPES] }] });
  const servicenow = await startServiceNowSimulator({ users: [{ ...READ_USER, writableTables: [] }], tables: servicenowTables });
  const opa = await startOpaSimulator({ team, serviceUsers: [{ ...OPA_KEY, name: 'svc-adopt', roles: ['resource_admin', 'security_admin'] }] });
  return {
    okta: oktaSim,
    servicenow,
    opa,
    privateKeyPem: await exportPKCS8(privateKey),
    clientId,
    close: async () => {
      await oktaSim.close();
      await servicenow.close();
      await opa.close();
    },
  };
}

/** A scratch environments directory holding `<baseName>.yaml` (and its lookups, if any) copied from config/environments. */
export function scratchDir(baseName: string, from = 'example'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-'));
  const source = path.join(__dirname, '../../config/environments');
  fs.copyFileSync(path.join(source, `${from}.yaml`), path.join(dir, `${baseName}.yaml`));
  return dir;
}

export function runAdoption(org: RunningOrg, dir: string, to: string, base: string, progress?: (line: string) => void): Promise<AdoptResult> {
  return adopt({
    to,
    base,
    environmentsDir: dir,
    progress,
    okta: { url: org.okta.url, clientId: org.clientId, privateKey: org.privateKeyPem, keyId: 'adopt-read' },
    servicenow: { url: org.servicenow.url, ...READ_USER },
    opa: { url: org.opa.url, key: OPA_KEY.keyId, secret: OPA_KEY.keySecret },
  });
}
