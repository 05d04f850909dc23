import type { GeneratedProvider, SensitiveAttribute } from '../../schemas/providers';

/** The parts of `terraform providers schema -json` output that trimming reads; everything else is kept verbatim. */
interface SchemaAttribute {
  sensitive?: boolean;
  [field: string]: unknown;
}
interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  [field: string]: unknown;
}
interface TypeSchema {
  version: number;
  block: SchemaBlock;
}
interface ProviderEntry {
  provider?: TypeSchema;
  resource_schemas?: Record<string, TypeSchema>;
  data_source_schemas?: Record<string, TypeSchema>;
  ephemeral_resource_schemas?: Record<string, TypeSchema>;
}
export interface ProvidersSchemaJson {
  format_version: string;
  provider_schemas: Record<string, ProviderEntry>;
  provider_versions?: Record<string, string>;
}

/**
 * Keeps only the listed resource and data-source types of one provider and marks the listed secret attributes
 * `sensitive: true`.
 *
 * Pure and idempotent: trimming a trimmed snapshot gives the same JSON, which is how the generator checks that a
 * committed snapshot matches the list. Type keys are sorted, as Terraform prints them.
 */
export function trimSchema(full: ProvidersSchemaJson, provider: GeneratedProvider): ProvidersSchemaJson {
  const entry = full.provider_schemas?.[provider.fqpn];
  if (!entry) {
    const found = Object.keys(full.provider_schemas ?? {}).join(', ') || 'none';
    throw new Error(`schema has no provider ${provider.fqpn} (found: ${found}): dump it with the pinned ${provider.source} ${provider.version}`);
  }
  if (!entry.provider) {
    throw new Error(`schema of ${provider.fqpn} has no provider configuration block: it is not \`terraform providers schema -json\` output`);
  }
  const trimmed: ProviderEntry = {
    provider: structuredClone(entry.provider),
    resource_schemas: pick(entry.resource_schemas, provider.resources, `${provider.fqpn} resource`),
    data_source_schemas: pick(entry.data_source_schemas, provider.dataSources, `${provider.fqpn} data source`),
  };
  // Kept only when listed, so snapshots of providers without ephemeral types keep their exact layout.
  if (provider.ephemeralResources?.length) {
    trimmed.ephemeral_resource_schemas = pick(entry.ephemeral_resource_schemas, provider.ephemeralResources, `${provider.fqpn} ephemeral resource`);
  }
  for (const secret of provider.sensitive) {
    markSensitive(trimmed, secret, provider.fqpn);
  }
  return { format_version: full.format_version, provider_schemas: { [provider.fqpn]: trimmed } };
}

/** The canonical text of a snapshot: two-space JSON and a final newline, so refreshes diff cleanly. */
export function serializeSchema(schema: ProvidersSchemaJson): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function pick(all: Record<string, TypeSchema> | undefined, wanted: readonly string[], what: string): Record<string, TypeSchema> {
  const missing = wanted.filter((type) => !all?.[type]);
  if (missing.length > 0) {
    throw new Error(
      `${what}(s) ${missing.join(', ')} listed in schemas/providers.ts are not in the schema: ` +
        'refresh the snapshot from the full provider schema (scripts/bindings/refresh-schemas.sh) or fix the list',
    );
  }
  const kept: Record<string, TypeSchema> = {};
  for (const type of [...wanted].sort()) {
    kept[type] = structuredClone((all as Record<string, TypeSchema>)[type] as TypeSchema);
  }
  return kept;
}

function markSensitive(entry: ProviderEntry, secret: SensitiveAttribute, fqpn: string): void {
  const schema = blockOf(entry, secret.block);
  const attribute = schema?.block.attributes?.[secret.attribute];
  if (!attribute) {
    throw new Error(
      `sensitive attribute ${secret.block}.${secret.attribute} of ${fqpn} is not in the trimmed schema: ` +
        'keep its type in the resources/dataSources list or remove it from `sensitive` in schemas/providers.ts',
    );
  }
  attribute.sensitive = true;
}

function blockOf(entry: ProviderEntry, block: string): TypeSchema | undefined {
  if (block === 'provider') return entry.provider;
  if (block.startsWith('data.')) return entry.data_source_schemas?.[block.slice('data.'.length)];
  if (block.startsWith('ephemeral.')) return entry.ephemeral_resource_schemas?.[block.slice('ephemeral.'.length)];
  return entry.resource_schemas?.[block];
}
