import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';

/**
 * Terraform's values on the wire: msgpack as cty encodes it. Null is msgpack nil, objects and maps are msgpack maps,
 * lists, sets and tuples are arrays, a value of type `dynamic` is a two-element array [type JSON bytes, value], and
 * a value not yet known is msgpack extension 0 (extension 12 when Terraform adds refinements such as "not null").
 */

/** The one "unknown" marker: a planned value the stand-in (the remote API) decides at apply. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

const UNKNOWN_EXTENSION = 0;
const REFINED_UNKNOWN_EXTENSION = 12;

const codec = new ExtensionCodec();
codec.register({
  type: UNKNOWN_EXTENSION,
  // cty writes an unknown as fixext1 with a zero byte: d4 00 00.
  encode: (value: unknown) => (value === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
codec.register({ type: REFINED_UNKNOWN_EXTENSION, encode: () => null, decode: () => UNKNOWN });

export function decodeValue(bytes: Uint8Array | undefined | null): unknown {
  if (!bytes || bytes.length === 0) return null;
  return decode(bytes, { extensionCodec: codec });
}

export function encodeValue(value: unknown): Buffer {
  return Buffer.from(encode(value, { extensionCodec: codec, ignoreUndefined: false }));
}
