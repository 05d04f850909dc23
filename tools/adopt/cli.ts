import * as path from 'node:path';
import { adopt, type AdoptOptions } from './adopt';
import { ADOPTION_OKTA_SCOPES } from './okta-read';

const USAGE = `usage: npm run env:adopt -- --to <new environment> --base <environment> [--force]

Reads an existing Okta org (and ServiceNow / OPA when their credentials are set) with read-only credentials and
writes config/environments/<to>.yaml, <to>.imports.json, <to>.lookups.json and <to>.adoption.md.

  OKTA_ORG_URL, OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY (PEM or JWK JSON), OKTA_API_PRIVATE_KEY_ID (optional):
      an API service app with private_key_jwt granted only ${ADOPTION_OKTA_SCOPES.join(', ')}
  SERVICENOW_URL, SERVICENOW_USERNAME, SERVICENOW_PASSWORD: a read-only ServiceNow user (optional)
  OKTAPAM_API_HOST, OKTAPAM_KEY, OKTAPAM_SECRET: an OPA service user (optional; team from the base file)`;

/** Parses `--name value` and `--name=value` flags. */
function flag(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export function optionsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): AdoptOptions {
  const to = flag(argv, 'to');
  const base = flag(argv, 'base');
  if (!to || !base) throw new Error(USAGE);
  const missing = ['OKTA_ORG_URL', 'OKTA_API_CLIENT_ID', 'OKTA_API_PRIVATE_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`${missing.join(', ')} must be set.\n\n${USAGE}`);
  const both = (a: string, b: string, c: string) => (env[a] && env[b] && env[c] ? ([env[a], env[b], env[c]] as string[]) : undefined);
  const sn = both('SERVICENOW_URL', 'SERVICENOW_USERNAME', 'SERVICENOW_PASSWORD');
  const opa = both('OKTAPAM_API_HOST', 'OKTAPAM_KEY', 'OKTAPAM_SECRET');
  return {
    to,
    base,
    force: argv.includes('--force'),
    okta: {
      url: env.OKTA_ORG_URL as string,
      clientId: env.OKTA_API_CLIENT_ID as string,
      privateKey: env.OKTA_API_PRIVATE_KEY as string,
      keyId: env.OKTA_API_PRIVATE_KEY_ID || undefined,
    },
    servicenow: sn ? { url: sn[0]!, username: sn[1]!, password: sn[2]! } : undefined,
    opa: opa ? { url: opa[0]!, key: opa[1]!, secret: opa[2]! } : undefined,
    progress: (line) => console.error(line),
  };
}

if (require.main === module) {
  Promise.resolve()
    .then(() => adopt(optionsFrom(process.argv.slice(2), process.env)))
    .then((result) => {
      const imported = result.planned.filter((p) => p.action === 'import').length;
      const calls = Object.entries(result.calls)
        .map(([api, s]) => `${api} ${s.calls}`)
        .join(', ');
      console.log(
        `first plan: import ${imported}, add ${result.planned.length - imported}; ${result.findings.all.length} finding(s); API calls: ${calls}; ${(result.elapsedMs / 1000).toFixed(1)} s`,
      );
      for (const file of Object.values(result.files)) if (file) console.log(`wrote ${path.relative(process.cwd(), file)}`);
      console.log('review the report, then commit the files');
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}
