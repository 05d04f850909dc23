import { readFileSync } from 'node:fs';
import { GENERATED_PROVIDERS } from '../../../schemas/providers';
import { ENV_DEFAULTS } from './env-defaults';
import type { ProviderSchema, SchemaAttribute, SchemaBlock, SchemaSnapshot } from './schema-types';

/**
 * The schema the stand-in serves for one provider: the committed snapshot, minus the `sensitive` flags the
 * bindings' trim step adds for secrets the real provider does not mark (schemas/providers.ts), so that
 * Terraform sees what it would see from the real provider.
 */
export function loadProviderSchema(snapshotFiles: readonly string[], fqpn: string, env: NodeJS.ProcessEnv = process.env): ProviderSchema {
  const parts = snapshotFiles.map((file) => loadOne(file, fqpn));
  const providerAttributes = (parts[0].provider.block.attributes ?? {}) as Record<string, SchemaAttribute & { required?: boolean; optional?: boolean }>;
  for (const [name, variable] of Object.entries(ENV_DEFAULTS[fqpn] ?? {})) {
    const attribute = providerAttributes[name];
    if (attribute?.required && env[variable]) {
      delete attribute.required;
      attribute.optional = true;
    }
  }
  // Several snapshots of one provider version (trimmed for different stacks) serve the union of their types.
  return {
    provider: parts[0].provider,
    resource_schemas: Object.assign({}, ...parts.map((part) => part.resource_schemas ?? {})),
    data_source_schemas: Object.assign({}, ...parts.map((part) => part.data_source_schemas ?? {})),
    ephemeral_resource_schemas: Object.assign({}, ...parts.map((part) => part.ephemeral_resource_schemas ?? {})),
  };
}

function loadOne(snapshotFile: string, fqpn: string): ProviderSchema {
  const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as SchemaSnapshot;
  const schema = snapshot.provider_schemas?.[fqpn];
  if (!schema) {
    throw new Error(`${snapshotFile} has no schema for ${fqpn}; keys: ${Object.keys(snapshot.provider_schemas ?? {}).join(', ')}`);
  }
  const generated = GENERATED_PROVIDERS.find((provider) => provider.fqpn === fqpn && snapshotFile.endsWith(provider.snapshot));
  for (const added of generated?.sensitive ?? []) {
    const block = blockOf(schema, added.block);
    const attribute = block?.attributes?.[added.attribute] as { sensitive?: boolean } | undefined;
    if (attribute) delete attribute.sensitive;
  }
  return schema;
}

function blockOf(schema: ProviderSchema, name: string): SchemaBlock | undefined {
  if (name === 'provider') return schema.provider.block;
  if (name.startsWith('data.')) return schema.data_source_schemas?.[name.slice('data.'.length)]?.block;
  return schema.resource_schemas?.[name]?.block;
}
