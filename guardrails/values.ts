/**
 * Helpers for reading synthesized Terraform attributes, which arrive in more than one shape: a block with
 * `max_items = 1` may be an object or a one-element list, booleans may be strings, values may be references.
 */

const WHOLE_REFERENCE = /^\$\{[^{}]+\}$/;

/** True for a value that is exactly one Terraform expression, e.g. `${aws_sqs_queue.dlq.arn}`. */
export function isReference(value: unknown): boolean {
  return typeof value === 'string' && WHOLE_REFERENCE.test(value);
}

/** The address inside a whole reference without its attribute: `${data.x.y.id}` -> `data.x.y`, `${var.z}` -> `var.z`. */
export function referencedAddress(value: string): string | undefined {
  const match = /^\$\{((?:data\.)?[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]+)(?:\.[^{}]*)?\}$/.exec(value);
  return match?.[1];
}

/** A list whatever the synthesized shape: missing -> [], object -> [object], list -> list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A nested block or object as a record, or undefined; a one-element list counts as its element. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
}

/** Records of a list attribute, ignoring anything that is not an object. */
export function records(value: unknown): Record<string, unknown>[] {
  return asList(value).filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object' && !Array.isArray(item));
}

/** True only for a literal true (or "true"); a reference or a missing value is not proof of true. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A literal number (or numeric string), or undefined for references and missing values. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** Strings of a list attribute. */
export function strings(value: unknown): string[] {
  return asList(value).filter((item): item is string => typeof item === 'string');
}
