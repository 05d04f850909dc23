import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GENERATED_PROVIDERS, type GeneratedProvider } from '../../schemas/providers';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A stand-in `terraform` on PATH: records each call (the root module it was given and any provider credential in
 * its environment) and answers `providers schema -json` with a "full" dump for the pinned provider.
 */
const FAKE_TERRAFORM = `#!/usr/bin/env bash
set -euo pipefail
dir="\${1#-chdir=}"
shift
{ echo "== $*"; cat "$dir/main.tf"; env | grep -E '^(SERVICENOW|OKTAPAM|OKTA)_' || true; } >>"$FAKE_LOG"
if [ "$1" = "providers" ]; then
  name="$(sed -n 's/^ *\\([a-z]*\\) = {$/\\1/p' "$dir/main.tf")"
  cat "$FAKE_DUMPS/$name.json"
fi
`;

/** The committed snapshot as the real provider would print it: one more type, and without the marks the list adds. */
function fullDump(provider: GeneratedProvider): string {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', provider.snapshot), 'utf8'));
  const entry = schema.provider_schemas[provider.fqpn];
  const [firstType, firstSchema] = Object.entries(entry.resource_schemas)[0] as [string, unknown];
  entry.resource_schemas[`${firstType}_unused`] = firstSchema;
  for (const secret of provider.sensitive) {
    const block =
      secret.block === 'provider'
        ? entry.provider
        : secret.block.startsWith('data.')
          ? entry.data_source_schemas[secret.block.slice('data.'.length)]
          : entry.resource_schemas[secret.block];
    delete block.block.attributes[secret.attribute].sensitive;
  }
  return JSON.stringify(schema);
}

describe('refresh-schemas.sh', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'refresh-schemas-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('dumps each pinned provider from a throw-away module and trims it to the committed snapshot', () => {
    const bin = path.join(work, 'bin');
    const dumps = path.join(work, 'dumps');
    const out = path.join(work, 'schemas');
    for (const dir of [bin, dumps, out]) mkdirSync(dir);
    writeFileSync(path.join(bin, 'terraform'), FAKE_TERRAFORM);
    chmodSync(path.join(bin, 'terraform'), 0o755);
    for (const provider of GENERATED_PROVIDERS) {
      writeFileSync(path.join(dumps, `${provider.source.split('/')[1]}.json`), fullDump(provider));
    }
    const log = path.join(work, 'terraform.log');

    execFileSync('bash', [path.join(ROOT, 'scripts/bindings/refresh-schemas.sh')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        FAKE_LOG: log,
        FAKE_DUMPS: dumps,
        BINDINGS_SCHEMAS_DIR: out,
        SERVICENOW_PASSWORD: 'must-not-reach-terraform',
        OKTAPAM_SECRET: 'must-not-reach-terraform',
      },
      stdio: 'pipe',
    });

    for (const provider of GENERATED_PROVIDERS) {
      expect(readFileSync(path.join(out, provider.snapshot), 'utf8')).toBe(readFileSync(path.join(ROOT, 'schemas', provider.snapshot), 'utf8'));
    }
    const calls = readFileSync(log, 'utf8');
    expect(calls).toContain('source  = "okta/oktapam"\n      version = "0.7.1"');
    expect(calls).toContain('source  = "okta/okta"\n      version = "6.12.0"');
    expect(calls).toContain('source  = "tylerhatton/servicenow"\n      version = "0.11.0"');
    expect(calls).toContain('source  = "magodo/restful"\n      version = "0.25.2"');
    expect(calls.match(/^== init -input=false -backend=false$/gm)).toHaveLength(GENERATED_PROVIDERS.length);
    expect(calls.match(/^== providers schema -json$/gm)).toHaveLength(GENERATED_PROVIDERS.length);
    expect(calls).not.toContain('must-not-reach-terraform');
  }, 180_000);
});
