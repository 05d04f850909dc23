import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENTS_DIR, loadEnvironment } from '../../config/load';
import { DISCOVERY_SCOPES, discoverLookups } from './discovery';
import { lookupsPath, serializeLookups } from '../../config/oig-lookups';
import { OktaReadClient } from './okta-client';
import { oktaOrgUrl } from '../../stacks/okta-org';

export interface DiscoverOptions {
  readonly environment: string;
  /** Where `<env>.yaml` is read and `<env>.lookups.json` written. @default config/environments */
  readonly environmentsDir?: string;
  /** Process environment holding the credentials. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `npm run governance:discover -- --env <name>`: resolves the environment's approval sequence names (and the
 * Okta Privileged Access app) to ids through the Okta API and writes `<name>.lookups.json` beside the config.
 *
 * Credentials come only from the environment: OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY (PEM or JWK JSON),
 * optional OKTA_API_PRIVATE_KEY_ID; OKTA_ORG_URL overrides the org URL derived from the config (e.g. a simulator).
 */
export async function discover(options: DiscoverOptions): Promise<string> {
  const env = options.env ?? process.env;
  const dir = options.environmentsDir ?? ENVIRONMENTS_DIR;
  const config = loadEnvironment(options.environment, dir);
  const missing = ['OKTA_API_CLIENT_ID', 'OKTA_API_PRIVATE_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} must be set: the client id and private key of an API service app granted ${DISCOVERY_SCOPES.join(', ')}`);
  }
  const client = new OktaReadClient({
    orgUrl: env.OKTA_ORG_URL || oktaOrgUrl(config.okta),
    clientId: env.OKTA_API_CLIENT_ID as string,
    privateKey: env.OKTA_API_PRIVATE_KEY as string,
    keyId: env.OKTA_API_PRIVATE_KEY_ID || undefined,
    scopes: DISCOVERY_SCOPES,
  });
  const lookups = await discoverLookups(client, config);
  const file = lookupsPath(config.name, dir);
  fs.writeFileSync(file, serializeLookups(lookups));
  return file;
}

function parseArgs(argv: readonly string[]): string {
  const index = argv.indexOf('--env');
  const value = index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--env='))?.slice('--env='.length);
  if (!value) throw new Error('usage: npm run governance:discover -- --env <environment name>');
  return value;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => discover({ environment: parseArgs(process.argv.slice(2)) }))
    .then((file) => console.log(`wrote ${path.relative(process.cwd(), file)}; review and commit it`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}
