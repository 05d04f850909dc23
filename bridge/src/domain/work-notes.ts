import { ThreadRecord } from './thread';

/**
 * The text the bridge appends to the ServiceNow requested item. Plain text (work notes are a journal field) with the
 * correlation id and the X-Okta-Request-Ids, so a fulfiller can follow the thread into Okta's System Log.
 */
export function workNoteFor(record: ThreadRecord): string {
  const head = `[JML bridge] ${record.action} ${record.requestNumber} (${record.request.user.login}) is ${record.state}`;
  const lines = [head, `correlation id: ${record.correlationId}`];
  if (record.oktaUserId) {
    lines.push(`Okta user: ${record.oktaUserId}`);
  }
  if (record.outcome) {
    lines.push(`outcome: ${record.outcome.summary}`);
  }
  if (record.state === 'scheduled' && record.dueAt) {
    lines.push(`scheduled for: ${record.dueAt}`);
  }
  const requestIds = record.calls.map((c) => c.oktaRequestId).filter((id): id is string => Boolean(id));
  if (requestIds.length > 0) {
    lines.push(`X-Okta-Request-Id: ${requestIds.join(', ')}`);
  }
  if (record.confirmations.length > 0) {
    lines.push(`confirmed by System Log events: ${record.confirmations.map((c) => `${c.eventType} ${c.eventId}`).join(', ')}`);
  }
  if (record.state === 'dead-lettered') {
    lines.push(`the request is parked in the dead-letter state; after fixing the cause run: npm run bridge:replay -- ${record.requestNumber}`);
  }
  return lines.join('\n');
}
