import type { CtyType, SchemaAttribute, SchemaBlock, SchemaBlockType } from '../provider/schema-types';
import type { AttributeRecord, GeneratedModule, HclDescriptor } from './generated-module';

/**
 * Rebuilds a schema block (`terraform providers schema -json` form) from a parsed generated binding module.
 *
 * - flags: the generator's `computed / optional / required` line of each attribute;
 * - blocks and collection kinds: the HCL descriptors (`isBlock`, `type`: `struct` = single, `list`, `set`, `map`);
 *   a block whose field is one object (`new FooOutputReference`, not `new FooList`) has `max_items: 1`; a required
 *   block has `min_items: 1`;
 * - types of computed-only attributes: the getter (`getStringAttribute`, `Fn.tolist(...)` for sets, `new FooList(
 *   this, name, wrapsSet)` for lists and sets of objects).
 *
 * Not recorded by the generator, so not in the result: descriptions, `sensitive`, deprecation and validators.
 */
export function blockOf(module: GeneratedModule, className: string, where: string): SchemaBlock {
  const declared = module.classes.get(className) ?? configOnlyStruct(module, structName(className));
  if (!declared) throw new Error(`${where}: class ${className} not found in the generated module`);
  const hcl = module.hcl.get(structName(className)) ?? new Map<string, HclDescriptor>();
  const attributes: Record<string, SchemaAttribute> = {};
  const blockTypes: Record<string, SchemaBlockType> = {};
  for (const record of declared.attributes) {
    const path = `${where}.${record.name}`;
    const descriptor = hcl.get(record.name);
    if (descriptor?.isBlock) {
      blockTypes[record.name] = blockType(module, record, descriptor, path);
    } else {
      attributes[record.name] = { type: attributeType(module, record, descriptor, path), ...flags(record) };
    }
  }
  return sortKeys({ attributes, block_types: blockTypes });
}

/**
 * Provider-configuration blocks are generated as interfaces only (no OutputReference class, no flag comments):
 * their attributes are the HCL descriptors, required when the interface field has no `?`, never computed.
 */
function configOnlyStruct(module: GeneratedModule, struct: string): { attributes: AttributeRecord[] } | undefined {
  const fields = module.interfaces.get(struct);
  const hcl = module.hcl.get(struct);
  if (!fields || !hcl) return undefined;
  const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return {
    attributes: [...hcl.keys()].map((name) => {
      const optional = fields.get(camel(name)) ?? true;
      return { name, computed: false, optional, required: !optional, code: '' };
    }),
  };
}

function flags(record: AttributeRecord): Partial<SchemaAttribute> {
  return {
    ...(record.required ? { required: true } : {}),
    ...(record.optional ? { optional: true } : {}),
    ...(record.computed ? { computed: true } : {}),
  };
}

function blockType(module: GeneratedModule, record: AttributeRecord, descriptor: HclDescriptor, path: string): SchemaBlockType {
  const storage = descriptor.storageClassType;
  const struct = storage.endsWith('List') ? storage.slice(0, -'List'.length) : storage;
  const block = blockOf(module, `${struct}OutputReference`, path);
  if (descriptor.type === 'struct') return { nesting_mode: 'single', block };
  if (descriptor.type !== 'list' && descriptor.type !== 'set') throw new Error(`${path}: block of kind ${descriptor.type} is not understood`);
  return {
    nesting_mode: descriptor.type,
    block,
    ...(record.required ? { min_items: 1 } : {}),
    // The HCL storage class says `FooList` for every list block; the field shows whether the generator made it one
    // object (max_items 1: `new FooOutputReference`) or a list (`new FooList`).
    ...(/= new \w+OutputReference\(/.test(record.code) ? { max_items: 1 } : {}),
  };
}

const PRIMITIVE: Record<string, CtyType> = { string: 'string', number: 'number', boolean: 'bool' };
const COLLECTION_ELEMENT: Record<string, CtyType> = {
  stringList: 'string',
  numberList: 'number',
  booleanList: 'bool',
  stringMap: 'string',
  numberMap: 'number',
  booleanMap: 'bool',
};

function attributeType(module: GeneratedModule, record: AttributeRecord, descriptor: HclDescriptor | undefined, path: string): CtyType {
  if (descriptor) {
    const storage = descriptor.storageClassType;
    if (descriptor.type === 'simple' && PRIMITIVE[storage]) return PRIMITIVE[storage];
    if (descriptor.type !== 'simple' && descriptor.type !== 'struct' && COLLECTION_ELEMENT[storage]) return [descriptor.type, COLLECTION_ELEMENT[storage]];
    if (storage === 'stringListList' || storage === 'numberListList') return [descriptor.type, ['list', COLLECTION_ELEMENT[storage.replace('List', '')]]];
    if (/^[A-Z]/.test(storage)) {
      const struct = storage.endsWith('List') ? storage.slice(0, -'List'.length) : storage;
      const object = objectType(module, struct, path);
      return descriptor.type === 'simple' || descriptor.type === 'struct' ? object : [descriptor.type, object];
    }
    if (storage === 'any' || storage === 'anyMap') return descriptor.type === 'map' ? ['map', 'dynamic'] : 'dynamic';
    throw new Error(`${path}: storage class ${storage} (${descriptor.type}) is not understood`);
  }
  return getterType(module, record, path);
}

function getterType(module: GeneratedModule, record: AttributeRecord, path: string): CtyType {
  const code = record.code;
  const set = code.includes('cdktf.Fn.tolist(');
  const simple: [RegExp, CtyType][] = [
    [/getStringAttribute\(/, 'string'],
    [/getNumberAttribute\(/, 'number'],
    [/getBooleanAttribute\(/, 'bool'],
    [/getListAttribute\(/, [set ? 'set' : 'list', 'string']],
    [/getNumberListAttribute\(/, [set ? 'set' : 'list', 'number']],
    [/getStringMapAttribute\(/, ['map', 'string']],
    [/getNumberMapAttribute\(/, ['map', 'number']],
    [/getBooleanMapAttribute\(/, ['map', 'bool']],
    [/getAnyMapAttribute\(/, ['map', 'dynamic']],
    [/interpolationForAttribute\(/, 'dynamic'],
  ];
  for (const [pattern, type] of simple) if (pattern.test(code)) return type;
  const complex = /= new ([\w.]+)\(this, "\w+"(?:, (true|false))?\)/.exec(code);
  if (complex) {
    const [, className, wrapsSet] = complex;
    const kind = wrapsSet === 'true' ? 'set' : 'list';
    const cdktfMaps: Record<string, CtyType> = {
      'cdktf.StringMap': ['map', 'string'],
      'cdktf.NumberMap': ['map', 'number'],
      'cdktf.BooleanMap': ['map', 'bool'],
      'cdktf.AnyMap': ['map', 'dynamic'],
      'cdktf.StringMapList': [kind, ['map', 'string']],
      'cdktf.NumberMapList': [kind, ['map', 'number']],
      'cdktf.BooleanMapList': [kind, ['map', 'bool']],
      'cdktf.AnyMapList': [kind, ['map', 'dynamic']],
    };
    if (cdktfMaps[className]) return cdktfMaps[className];
    if (className.endsWith('OutputReference')) return objectType(module, className.slice(0, -'OutputReference'.length), path);
    if (className.endsWith('List')) return [kind, objectType(module, className.slice(0, -'List'.length), path)];
    if (className.endsWith('Map')) return ['map', objectType(module, className.slice(0, -'Map'.length), path)];
  }
  throw new Error(`${path}: cannot tell the type from the generated code:\n${code}`);
}

function objectType(module: GeneratedModule, struct: string, path: string): CtyType {
  const block = blockOf(module, `${struct}OutputReference`, path);
  const members = Object.fromEntries(Object.entries(block.attributes ?? {}).map(([name, attribute]) => [name, attribute.type as CtyType]));
  return ['object', members];
}

function structName(className: string): string {
  return className.replace(/OutputReference$/, '');
}

function sortKeys(block: { attributes: Record<string, SchemaAttribute>; block_types: Record<string, SchemaBlockType> }): SchemaBlock {
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  const out: { attributes?: Record<string, SchemaAttribute>; block_types?: Record<string, SchemaBlockType> } = {};
  if (Object.keys(block.attributes).length > 0) out.attributes = sorted(block.attributes);
  if (Object.keys(block.block_types).length > 0) out.block_types = sorted(block.block_types);
  return out;
}
