import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderSchema, SchemaSnapshot } from '../provider/schema-types';
import { REPO_ROOT } from '../snapshots';
import { generatedTypeScript, parseGeneratedModule } from './generated-module';
import { blockOf } from './to-schema';

/**
 * Schema snapshots for the two providers the project uses through prebuilt cdktf packages, derived from the
 * packages themselves (generated-module.ts says why the generated code and not only the `.jsii` assembly):
 * only the modules the project imports (`@cdktf/provider-<x>/lib/<module>`), so the snapshot follows the code.
 */
export interface PrebuiltPackage {
  readonly name: string;
  /** File under schemas/: `<file>-<version>.schema.json`. */
  readonly file: string;
  readonly fqpn: string;
}

export const PREBUILT_PACKAGES: readonly PrebuiltPackage[] = [
  { name: '@cdktf/provider-okta', file: 'okta', fqpn: 'registry.terraform.io/okta/okta' },
  { name: '@cdktf/provider-aws', file: 'aws', fqpn: 'registry.terraform.io/hashicorp/aws' },
];

const SKIPPED_DIRS = new Set(['node_modules', '.gen', 'cdktf.out', '.git', 'bench-results', 'coverage', 'dist']);

/** Every `lib/<module>` of the package that a TypeScript file in the repository imports. */
export function importedModules(packageName: string, root = REPO_ROOT): string[] {
  const pattern = new RegExp(`${packageName.replace('/', '\\/')}\\/lib\\/([a-z0-9-]+)`, 'g');
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIPPED_DIRS.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) for (const match of readFileSync(path, 'utf8').matchAll(pattern)) found.add(match[1]);
    }
  };
  walk(root);
  return [...found].sort();
}

export interface DerivedSnapshot {
  readonly file: string;
  readonly version: string;
  readonly snapshot: SchemaSnapshot;
}

export function deriveSnapshot(pkg: PrebuiltPackage, modules = importedModules(pkg.name)): DerivedSnapshot {
  const libDir = join(REPO_ROOT, 'node_modules', pkg.name, 'lib');
  const schema: { provider?: ProviderSchema['provider']; resource_schemas: Record<string, any>; data_source_schemas: Record<string, any> } = {
    resource_schemas: {},
    data_source_schemas: {},
  };
  let version: string | undefined;
  for (const moduleName of [...new Set(['provider', ...modules])]) {
    const source = generatedTypeScript(join(libDir, moduleName, 'index.js'));
    const parsed = parseGeneratedModule(source);
    const main = [...parsed.classes.entries()].find(([, c]) => /^cdktf\.Terraform(Resource|DataSource|Provider)$/.test(c.base));
    if (!main) throw new Error(`${pkg.name}/lib/${moduleName}: no resource, data source or provider class`);
    const [className, declared] = main;
    const typeName = /public static readonly tfResourceType = "(\w+)"/.exec(declared.body)?.[1];
    const moduleVersion = /providerVersion: '([^']+)'/.exec(declared.body)?.[1];
    if (!typeName || !moduleVersion) throw new Error(`${pkg.name}/lib/${moduleName}: no tfResourceType or providerVersion`);
    if (version && version !== moduleVersion) throw new Error(`${pkg.name}: modules disagree on the provider version (${version}, ${moduleVersion})`);
    version = moduleVersion;
    const block = blockOf(parsed, className, typeName);
    // cdktf gives every provider class an `alias` property; in Terraform it is a meta-argument, not schema.
    if (declared.base === 'cdktf.TerraformProvider' && block.attributes) delete (block.attributes as Record<string, unknown>).alias;
    const typeSchema = { version: 0, block };
    if (declared.base === 'cdktf.TerraformProvider') schema.provider = typeSchema;
    else if (declared.base === 'cdktf.TerraformDataSource') schema.data_source_schemas[typeName] = typeSchema;
    else schema.resource_schemas[typeName] = typeSchema;
  }
  const sorted = (record: Record<string, unknown>) =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  return {
    file: `${pkg.file}-${version}.schema.json`,
    version: version!,
    snapshot: {
      format_version: '1.0',
      provider_schemas: {
        [pkg.fqpn]: {
          provider: schema.provider!,
          resource_schemas: sorted(schema.resource_schemas) as ProviderSchema['resource_schemas'],
          data_source_schemas: sorted(schema.data_source_schemas) as ProviderSchema['data_source_schemas'],
        },
      },
    },
  };
}

export function snapshotText(derived: DerivedSnapshot): string {
  return `${JSON.stringify(derived.snapshot, null, 2)}\n`;
}
