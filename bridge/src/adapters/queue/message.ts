import { createHash } from 'node:crypto';
import { WorkMessage } from '../../ports/work-queue';

/** Serialises a work message for a queue body. */
export function encodeMessage(message: WorkMessage): string {
  return JSON.stringify(message);
}

/** Parses a queue body, failing with the offending body's length (never its content) when it is not a work message. */
export function decodeMessage(body: string): WorkMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`queue message is not JSON (${body.length} bytes); only the bridge intake writes to this queue`);
  }
  const m = parsed as Partial<WorkMessage>;
  if (typeof m.threadKey !== 'string' || typeof m.correlationId !== 'string' || typeof m.userKey !== 'string' || typeof m.replay !== 'number') {
    throw new Error('queue message lacks threadKey, correlationId, userKey or replay; only the bridge intake writes to this queue');
  }
  return { threadKey: m.threadKey, correlationId: m.correlationId, userKey: m.userKey, replay: m.replay };
}

/** Short stable hash: keeps logins out of SQS metadata while keeping one message group per user. */
export function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}
