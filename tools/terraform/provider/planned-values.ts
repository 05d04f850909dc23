import { createHash } from 'node:crypto';
import { UNKNOWN } from './cty-msgpack';
import { echoObject } from './dynamic';
import type { CtyType, NestedType, SchemaAttribute, SchemaBlock } from './schema-types';

/**
 * How the stand-in behaves as a remote API that returns exactly what it was asked for:
 *
 * - plan: every computed attribute the configuration leaves null becomes unknown ("known after apply"), everything
 *   else is planned as Terraform proposed it (so an unchanged configuration plans no change);
 * - apply and data-source reads: every unknown or unset computed value is filled deterministically from the
 *   resource type, the attribute path and the configuration being created (Terraform's plugin protocol does not
 *   pass the resource address, so the configuration stands in for it), so two runs produce the same ids.
 */

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Marks computed attributes that are null as unknown, through nested blocks and nested attributes. */
export function markComputedUnknown(block: SchemaBlock, value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Obj = { ...value };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const current = out[name];
    if (current === null || current === undefined) {
      if (attribute.computed) out[name] = UNKNOWN;
      else out[name] = null;
    } else if (attribute.nested_type) {
      out[name] = mapNested(attribute.nested_type, current, (inner) => markComputedUnknown(nestedAsBlock(attribute.nested_type!), inner));
    }
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    out[name] = mapElements(blockType.nesting_mode, out[name], (inner) => markComputedUnknown(blockType.block, inner));
  }
  return out;
}

/** Replaces every unknown (and every null computed attribute) with a deterministic value of its type. */
export function fillComputed(block: SchemaBlock, value: unknown, seed: string): unknown {
  if (!isObject(value)) return value;
  const out: Obj = { ...value };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const path = `${seed}.${name}`;
    const current = out[name];
    if (current === UNKNOWN || ((current === null || current === undefined) && attribute.computed)) {
      if (attribute.type === 'dynamic') out[name] = echoObject(value, deterministicString('id', createHash('sha256').update(path).digest('hex')));
      else out[name] = attribute.nested_type ? emptyNested(attribute.nested_type) : deterministicValue(attribute.type!, name, path);
    } else if (current === undefined) {
      out[name] = null;
    } else if (attribute.nested_type) {
      out[name] = mapNested(attribute.nested_type, current, (inner, key) => fillComputed(nestedAsBlock(attribute.nested_type!), inner, `${path}[${key}]`));
    } else if (attribute.type !== undefined) {
      out[name] = fillUnknownInType(attribute.type, current, name, path);
    }
  }
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    out[name] = mapElements(blockType.nesting_mode, out[name], (inner, key) => fillComputed(blockType.block, inner, `${seed}.${name}[${key}]`));
  }
  return out;
}

/** An object of the block's shape with nothing set, as an import starts from before the first read. */
export function emptyObject(block: SchemaBlock, set: Obj = {}): Obj {
  const out: Obj = {};
  for (const name of Object.keys(block.attributes ?? {})) out[name] = set[name] ?? null;
  for (const [name, blockType] of Object.entries(block.block_types ?? {})) {
    out[name] = blockType.nesting_mode === 'single' || blockType.nesting_mode === 'group' ? null : blockType.nesting_mode === 'map' ? {} : [];
  }
  return out;
}

/** A short, stable digest of a configuration value, used as the seed of the values filled for it. */
export function digest(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (value === UNKNOWN) return '"<unknown>"';
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function nestedAsBlock(nested: NestedType): SchemaBlock {
  return { attributes: nested.attributes };
}

function emptyNested(nested: NestedType): unknown {
  return nested.nesting_mode === 'single' ? null : nested.nesting_mode === 'map' ? {} : [];
}

function mapNested(nested: NestedType, value: unknown, each: (inner: unknown, key: string) => unknown): unknown {
  return mapElements(nested.nesting_mode, value, each);
}

function mapElements(mode: string, value: unknown, each: (inner: unknown, key: string) => unknown): unknown {
  if (value === null || value === undefined || value === UNKNOWN) return value;
  if (mode === 'single' || mode === 'group') return each(value, '0');
  if (mode === 'map' && isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, each(v, k)]));
  if (Array.isArray(value)) return value.map((inner, index) => each(inner, String(index)));
  return value;
}

/** Fills unknowns inside a known value of a plain (non-nested) attribute type. */
function fillUnknownInType(type: CtyType, value: unknown, name: string, path: string): unknown {
  if (value === UNKNOWN) return deterministicValue(type, name, path);
  if (value === null || typeof type === 'string') return value;
  const [kind, inner] = type;
  if ((kind === 'list' || kind === 'set') && Array.isArray(value)) {
    return value.map((element, index) => fillUnknownInType(inner as CtyType, element, name, `${path}[${index}]`));
  }
  if (kind === 'map' && isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillUnknownInType(inner as CtyType, v, name, `${path}[${k}]`)]));
  }
  if (kind === 'object' && isObject(value)) {
    const attributes = inner as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(attributes).map(([k, t]) => [k, fillUnknownInType(t, value[k] ?? null, k, `${path}.${k}`)]));
  }
  return value;
}

/** A value of the given type that depends only on the path (type, configuration digest, attribute). */
export function deterministicValue(type: CtyType, name: string, path: string): unknown {
  const hash = createHash('sha256').update(path).digest('hex');
  if (type === 'string') return deterministicString(name, hash);
  if (type === 'number') return 1 + (parseInt(hash.slice(0, 6), 16) % 1000);
  if (type === 'bool') return false;
  if (type === 'dynamic') return [Buffer.from(JSON.stringify('string')), deterministicString(name, hash)];
  if (typeof type === 'string') return null;
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set' || kind === 'tuple') return [];
  if (kind === 'map') return {};
  if (kind === 'object') {
    const attributes = inner as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(attributes).map(([k, t]) => [k, deterministicValue(t, k, `${path}.${k}`)]));
  }
  return null;
}

function deterministicString(name: string, hash: string): string {
  const short = hash.slice(0, 16);
  if (name === 'arn' || name.endsWith('_arn')) return `arn:aws:standin:eu-west-1:000000000000:${name}/${short}`;
  if (/(^|_)(url|uri|endpoint)$/.test(name) || name.endsWith('_url')) return `https://${short}.standin.invalid`;
  if (name === 'id' || name.endsWith('_id')) return `sti${short}`;
  return `standin-${name}-${short}`;
}

export function schemaAttribute(block: SchemaBlock, name: string): SchemaAttribute | undefined {
  return block.attributes?.[name];
}
