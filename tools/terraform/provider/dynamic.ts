import type { CtyType } from './schema-types';

/**
 * Values of type `dynamic` on the wire carry their own type: [type JSON bytes, value]. These helpers build them
 * from plain JSON (fixture answers) and read them back, so the stand-in can echo request bodies as a REST API does.
 */
export interface DynamicValue {
  readonly type: CtyType;
  readonly value: unknown;
}

export function typeOfJson(value: unknown): CtyType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(typeOfJson)];
  if (value !== null && typeof value === 'object') {
    return ['object', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeOfJson(v)]))];
  }
  return 'dynamic';
}

export function toDynamic(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return [Buffer.from(JSON.stringify(typeOfJson(value))), value];
}

export function fromDynamic(wire: unknown): DynamicValue | undefined {
  if (!Array.isArray(wire) || wire.length !== 2 || !(wire[0] instanceof Uint8Array)) return undefined;
  return { type: JSON.parse(Buffer.from(wire[0]).toString('utf8')) as CtyType, value: wire[1] };
}

/**
 * What a REST API answers for an object it was asked to create: the request's object-typed dynamic attributes
 * (its body) merged, plus an `id`. Used for computed `dynamic` attributes such as a response `output`.
 */
export function echoObject(siblings: Record<string, unknown>, id: string): unknown {
  const types: Record<string, CtyType> = {};
  const values: Record<string, unknown> = {};
  for (const wire of Object.values(siblings)) {
    const dynamic = fromDynamic(wire);
    if (!dynamic || !Array.isArray(dynamic.type) || dynamic.type[0] !== 'object') continue;
    Object.assign(types, dynamic.type[1] as Record<string, CtyType>);
    Object.assign(values, dynamic.value as Record<string, unknown>);
  }
  types.id = 'string';
  values.id = id;
  return [Buffer.from(JSON.stringify(['object', types])), values];
}
