import { OktaLogEvent } from '../domain/event-matching';

/** One event of a delivery, judged on its own: the typed event, or why it cannot be read. */
export type JudgedEvent = { readonly ok: true; readonly event: OktaLogEvent } | { readonly ok: false; readonly reason: string; readonly uuid?: string };

type Check = (value: unknown) => string | undefined;

const optionalString: Check = (v) => (v === undefined || typeof v === 'string' ? undefined : `must be a string, got ${kindOf(v)}`);
const requiredString: Check = (v) => (typeof v === 'string' && v.length > 0 ? undefined : `must be a non-empty string, got ${kindOf(v)}`);
const timestamp: Check = (v) =>
  requiredString(v) ?? (Number.isNaN(Date.parse(v as string)) ? `must be an ISO 8601 time, got '${String(v).slice(0, 40)}'` : undefined);

/**
 * Checks one System Log event against the shape the bridge reads (see {@link OktaLogEvent}): `uuid`, `eventType`
 * and `published` present, and every optional part of the type the rest of the bridge assumes (`target` a list of
 * objects, `actor` an object, ids strings). Fields the bridge does not read are not checked.
 */
export function judgeEvent(value: unknown): JudgedEvent {
  if (!isRecord(value)) {
    return { ok: false, reason: `event must be an object, got ${kindOf(value)}` };
  }
  const uuid = typeof value.uuid === 'string' ? value.uuid : undefined;
  const problems: string[] = [];
  const check = (path: string, problem: string | undefined): void => {
    if (problem) {
      problems.push(`${path} ${problem}`);
    }
  };
  check('uuid', requiredString(value.uuid));
  check('eventType', requiredString(value.eventType));
  check('published', timestamp(value.published));
  check('displayMessage', optionalString(value.displayMessage));
  checkParty('actor', value.actor, check);
  if (value.target !== undefined) {
    if (!Array.isArray(value.target)) {
      problems.push(`target must be a list of objects, got ${kindOf(value.target)}`);
    } else {
      value.target.forEach((target, index) => checkParty(`target[${index}]`, target, check));
    }
  }
  checkNested('debugContext', value.debugContext, 'debugData', 'requestId', check);
  if (value.transaction !== undefined) {
    if (!isRecord(value.transaction)) {
      problems.push(`transaction must be an object, got ${kindOf(value.transaction)}`);
    } else {
      check('transaction.id', optionalString(value.transaction.id));
    }
  }
  if (problems.length > 0) {
    return { ok: false, reason: problems.join('; '), ...(uuid ? { uuid } : {}) };
  }
  return { ok: true, event: value as unknown as OktaLogEvent };
}

function checkParty(path: string, value: unknown, check: (path: string, problem: string | undefined) => void): void {
  if (value === undefined) {
    return;
  }
  if (!isRecord(value)) {
    check(path, `must be an object, got ${kindOf(value)}`);
    return;
  }
  for (const field of ['id', 'type', 'alternateId']) {
    check(`${path}.${field}`, optionalString(value[field]));
  }
}

function checkNested(path: string, value: unknown, inner: string, leaf: string, check: (path: string, problem: string | undefined) => void): void {
  if (value === undefined) {
    return;
  }
  if (!isRecord(value)) {
    check(path, `must be an object, got ${kindOf(value)}`);
    return;
  }
  const child = value[inner];
  if (child === undefined) {
    return;
  }
  if (!isRecord(child)) {
    check(`${path}.${inner}`, `must be an object, got ${kindOf(child)}`);
    return;
  }
  check(`${path}.${inner}.${leaf}`, optionalString(child[leaf]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}
