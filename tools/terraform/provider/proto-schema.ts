import type { NestedType, SchemaAttribute, SchemaBlock, TypeSchema } from './schema-types';

/**
 * Converts a schema in `terraform providers schema -json` form into tfplugin6 `Schema` messages (proto-loader
 * plain objects). The attribute type travels as the same cty type JSON, as bytes.
 */

const BLOCK_NESTING: Record<string, string> = { single: 'SINGLE', list: 'LIST', set: 'SET', map: 'MAP', group: 'GROUP' };

export function toProtoSchema(schema: TypeSchema): object {
  return { version: schema.version ?? 0, block: toProtoBlock(schema.block) };
}

function toProtoBlock(block: SchemaBlock): object {
  return {
    version: 0,
    attributes: Object.entries(block.attributes ?? {}).map(([name, attribute]) => toProtoAttribute(name, attribute)),
    block_types: Object.entries(block.block_types ?? {}).map(([name, blockType]) => ({
      type_name: name,
      block: toProtoBlock(blockType.block),
      nesting: BLOCK_NESTING[blockType.nesting_mode],
      min_items: blockType.min_items ?? 0,
      max_items: blockType.max_items ?? 0,
    })),
    description: block.description ?? '',
    description_kind: block.description_kind === 'markdown' ? 'MARKDOWN' : 'PLAIN',
    deprecated: block.deprecated ?? false,
  };
}

function toProtoAttribute(name: string, attribute: SchemaAttribute): object {
  return {
    name,
    type: attribute.type === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(attribute.type)),
    nested_type: attribute.nested_type ? toProtoNested(attribute.nested_type) : undefined,
    description: attribute.description ?? '',
    required: attribute.required ?? false,
    optional: attribute.optional ?? false,
    computed: attribute.computed ?? false,
    sensitive: attribute.sensitive ?? false,
    description_kind: attribute.description_kind === 'markdown' ? 'MARKDOWN' : 'PLAIN',
    deprecated: attribute.deprecated ?? false,
    write_only: attribute.write_only ?? false,
  };
}

function toProtoNested(nested: NestedType): object {
  return {
    attributes: Object.entries(nested.attributes).map(([name, attribute]) => toProtoAttribute(name, attribute)),
    nesting: BLOCK_NESTING[nested.nesting_mode],
  };
}
