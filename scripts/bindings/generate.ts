import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_PROVIDERS, type GeneratedProvider } from '../../schemas/providers';
import { type ProvidersSchemaJson, serializeSchema, trimSchema } from './trim';

const ROOT = path.resolve(__dirname, '..', '..');
const STAMP_FILE = '.bindings-stamp.json';

export interface GenerateOptions {
  /** Folder that receives `<provider key>/...`; usually `.gen/providers`. */
  readonly outDir: string;
  /** @default - `schemas/` of the repository */
  readonly schemasDir?: string;
  /** @default GENERATED_PROVIDERS */
  readonly providers?: readonly GeneratedProvider[];
  /** Regenerate even when the stamp says the output is current. @default false */
  readonly force?: boolean;
}

export interface GenerateResult {
  readonly generated: boolean;
  readonly stamp: string;
}

/**
 * Generates cdktf TypeScript bindings for every locally generated provider from its committed snapshot, offline.
 *
 * Output is a pure function of the snapshots, this folder's sources and the generator version, so the same inputs
 * give byte-identical files; that hash is stamped beside the output and a matching stamp skips the work, which keeps
 * `npm install` fast. Each provider is generated into a temporary folder and moved into place only when complete.
 */
export async function generateBindings(options: GenerateOptions): Promise<GenerateResult> {
  const schemasDir = options.schemasDir ?? path.join(ROOT, 'schemas');
  const providers = options.providers ?? GENERATED_PROVIDERS;
  const snapshots = providers.map((provider) => ({ provider, text: readSnapshot(schemasDir, provider) }));
  const stamp = stampOf(snapshots.map((snapshot) => snapshot.text));
  const stampPath = path.join(options.outDir, STAMP_FILE);
  const outputsExist = providers.every((provider) => existsSync(path.join(options.outDir, provider.key, 'index.ts')));
  if (!options.force && outputsExist && existsSync(stampPath) && readFileSync(stampPath, 'utf8').includes(stamp)) {
    return { generated: false, stamp };
  }

  mkdirSync(options.outDir, { recursive: true });
  for (const { provider, text } of snapshots) {
    await generateOne(provider, JSON.parse(text) as ProvidersSchemaJson, options.outDir);
  }
  writeFileSync(stampPath, `${JSON.stringify({ stamp }, null, 2)}\n`);
  return { generated: true, stamp };
}

/** Reads a snapshot and refuses it unless trimming it with the current list changes nothing. */
function readSnapshot(schemasDir: string, provider: GeneratedProvider): string {
  const file = path.join(schemasDir, provider.snapshot);
  if (!existsSync(file)) {
    throw new Error(`schema snapshot ${file} for ${provider.source} ${provider.version} is missing: run scripts/bindings/refresh-schemas.sh`);
  }
  const text = readFileSync(file, 'utf8');
  const expected = serializeSchema(trimSchema(JSON.parse(text) as ProvidersSchemaJson, provider));
  if (expected !== text) {
    throw new Error(
      `schema snapshot ${file} does not match the list in schemas/providers.ts (extra types, missing sensitive ` +
        'marks or formatting): re-trim it with `npx ts-node --transpile-only scripts/bindings/trim-cli.ts ' +
        `${provider.key} <full schema json>` +
        '` or scripts/bindings/refresh-schemas.sh',
    );
  }
  return text;
}

async function generateOne(provider: GeneratedProvider, schema: ProvidersSchemaJson, outDir: string): Promise<void> {
  // Loaded only when there is work to do: @cdktf/commons runs `terraform version` when it is first imported.
  const { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } = await import('@cdktf/commons');
  const { CodeMaker, TerraformProviderGenerator } = await import('@cdktf/provider-generator');
  // The constraint's name becomes the `required_providers` key and the provider's local name in synthesized JSON,
  // so it stays the registry name (`okta`) even though the folder is `okta-oig`.
  const name = provider.source.split('/').pop() as string;
  const constraint = new TerraformProviderConstraint({ name, source: provider.source, version: provider.version });
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, {
    ...schema,
    provider_versions: { [provider.fqpn]: provider.version },
  } as unknown as ConstructorParameters<typeof TerraformProviderGenerator>[1]);
  generator.generate(new ConstructsMakerProviderTarget(constraint, LANGUAGES[0] as (typeof LANGUAGES)[number]));

  const staging = mkdtempSync(path.join(outDir, `.staging-${provider.key}-`));
  try {
    await code.save(staging);
    const target = path.join(outDir, provider.key);
    rmSync(target, { recursive: true, force: true });
    renameSync(path.join(staging, 'providers', name), target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Hash of everything the output depends on: snapshots, this folder's sources and the generator version. */
function stampOf(snapshotTexts: readonly string[]): string {
  const hash = createHash('sha256');
  const generatorPackage = require.resolve('@cdktf/provider-generator/package.json');
  hash.update(JSON.parse(readFileSync(generatorPackage, 'utf8')).version as string);
  for (const source of [path.join(__dirname, 'generate.ts'), path.join(__dirname, '..', '..', 'schemas', 'providers.ts'), path.join(__dirname, 'trim.ts')]) {
    hash.update(readFileSync(source));
  }
  for (const text of snapshotTexts) hash.update(text);
  return hash.digest('hex');
}

if (require.main === module) {
  const outDir = path.join(ROOT, '.gen', 'providers');
  const force = process.argv.includes('--force');
  generateBindings({ outDir, force })
    .then((result) => {
      const verb = result.generated ? 'generated' : 'up to date';
      console.log(`provider bindings ${verb} in ${path.relative(ROOT, outDir)} (stamp ${result.stamp.slice(0, 12)})`);
    })
    .catch((error: unknown) => {
      console.error(`provider binding generation failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}
