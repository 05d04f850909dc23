import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The registry of schema snapshots the stand-in can serve: every `*.schema.json` under `schemas/` (in
 * `terraform providers schema -json` form), one provider version per file, the version taken from the file name
 * (`<name>-<x.y.z>[-<trim>].schema.json`). A new provider needs only its snapshot there.
 */
export interface RegisteredSnapshot {
  /** Fully qualified provider name, e.g. `registry.terraform.io/okta/okta`. */
  readonly fqpn: string;
  readonly version: string;
  readonly files: readonly string[];
}

export const REPO_ROOT = join(__dirname, '..', '..');
export const SCHEMAS_DIR = join(REPO_ROOT, 'schemas');

export function registeredSnapshots(dir = SCHEMAS_DIR): RegisteredSnapshot[] {
  const byProvider = new Map<string, { fqpn: string; version: string; files: string[] }>();
  for (const file of schemaFiles(dir)) {
    const version = /-(\d+\.\d+\.\d+)(?:[-.][^/]*)?\.schema\.json$/.exec(file)?.[1];
    if (!version) throw new Error(`${relative(REPO_ROOT, file)}: name it <provider>-<x.y.z>[-<trim>].schema.json so the version is known`);
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { provider_schemas?: Record<string, unknown> };
    for (const fqpn of Object.keys(snapshot.provider_schemas ?? {})) {
      const key = `${fqpn}@${version}`;
      const entry = byProvider.get(key) ?? { fqpn, version, files: [] };
      entry.files.push(file);
      byProvider.set(key, entry);
    }
  }
  return [...byProvider.values()].sort((a, b) => `${a.fqpn}@${a.version}`.localeCompare(`${b.fqpn}@${b.version}`));
}

function schemaFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return schemaFiles(path);
      return name.endsWith('.schema.json') ? [path] : [];
    });
}

/** `okta/okta` or `aws` (as cdktf writes it) to `registry.terraform.io/okta/okta` / `.../hashicorp/aws`. */
export function fullyQualified(source: string): string {
  const parts = source.split('/');
  if (parts.length === 3) return source.toLowerCase();
  if (parts.length === 2) return `registry.terraform.io/${source}`.toLowerCase();
  return `registry.terraform.io/hashicorp/${source}`.toLowerCase();
}
