/**
 * The shape of `terraform providers schema -json`, which is also the shape of every snapshot under `schemas/`.
 * The stand-in serves these snapshots, and the plan/apply behaviour walks values by them.
 */

/** A cty type as Terraform writes it in JSON: `"string"`, `["list","string"]`, `["object",{...}]`, `"dynamic"`. */
export type CtyType = string | [string, CtyType] | ['object', Record<string, CtyType>] | ['tuple', CtyType[]];

export interface SchemaAttribute {
  readonly type?: CtyType;
  readonly nested_type?: NestedType;
  readonly description?: string;
  readonly description_kind?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}

export interface NestedType {
  readonly attributes: Record<string, SchemaAttribute>;
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map';
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
  readonly description?: string;
  readonly description_kind?: string;
  readonly deprecated?: boolean;
}

export interface SchemaBlockType {
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map' | 'group';
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface TypeSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

export interface ProviderSchema {
  readonly provider: TypeSchema;
  readonly resource_schemas?: Record<string, TypeSchema>;
  readonly data_source_schemas?: Record<string, TypeSchema>;
  readonly ephemeral_resource_schemas?: Record<string, TypeSchema>;
}

export interface SchemaSnapshot {
  readonly format_version: string;
  readonly provider_schemas: Record<string, ProviderSchema>;
}
