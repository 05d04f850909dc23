import { OutsideChangeRecord, ThreadRecord } from '../domain/thread';

/** The golden thread of one request as plain text, for the terminal (no secrets are ever stored on a thread). */
export function formatThread(t: ThreadRecord): string {
  const lines: string[] = [];
  lines.push(`${t.requestNumber}  ${t.action}  ${t.request.user.login}  state: ${t.state}`);
  lines.push(`  correlation id: ${t.correlationId}    webhook-id: ${t.webhookId}`);
  lines.push(`  Okta user: ${t.oktaUserId ?? '-'}    attempts: ${t.attempts}    replays: ${t.replays}`);
  lines.push(`  requested by: ${t.request.requestedBy}    effective: ${t.request.effectiveDate}${t.dueAt ? `    due: ${t.dueAt}` : ''}`);
  lines.push(`  approvals (as ServiceNow sent them): ${t.request.approvals.map((a) => `${a.approver} at ${a.approvedAt}`).join('; ')}`);
  lines.push('  history:');
  for (const h of t.history) {
    lines.push(`    ${h.at}  ${h.state}${h.note ? `  (${h.note})` : ''}`);
  }
  lines.push('  Okta calls:');
  for (const c of t.calls) {
    lines.push(`    ${c.at}  ${c.method} ${c.path} -> ${c.status}  ${c.durationMs} ms  X-Okta-Request-Id: ${c.oktaRequestId ?? '-'}`);
  }
  lines.push('  steps:');
  for (const s of t.steps) {
    lines.push(`    ${s.outcome.padEnd(11)} ${s.step}: ${s.detail}`);
  }
  if (t.awaiting.length > 0) {
    lines.push(`  awaiting System Log events: ${t.awaiting.join(', ')}`);
  }
  lines.push('  confirmations:');
  for (const c of t.confirmations) {
    lines.push(`    ${c.published}  ${c.eventType}  event ${c.eventId}  (request ${c.oktaRequestId ?? '-'})`);
  }
  lines.push('  ServiceNow write-backs:');
  for (const w of t.serviceNowWrites) {
    lines.push(
      `    ${w.at}  ${w.threadState} (attempt ${w.attempt})  ${w.pending ? 'in progress' : w.ok ? 'ok' : 'FAILED'}${w.state ? `  state=${w.state}` : ''}${w.error ? `  ${w.error}` : ''}`,
    );
  }
  if (t.outcome) {
    lines.push(`  outcome: ${t.outcome.result}: ${t.outcome.summary}`);
  }
  return lines.join('\n');
}

/** Changes Okta reported for a user that no bridge request caused. */
export function formatOutsideChanges(events: readonly OutsideChangeRecord[]): string {
  const outside = events.filter((e) => e.origin !== 'bridge');
  if (outside.length === 0) {
    return 'no changes outside the bridge';
  }
  return ['changes outside the bridge:', ...outside.map((e) => `  ${e.published}  ${e.eventType}  by ${e.actor}  event ${e.eventId}  (${e.origin})`)].join(
    '\n',
  );
}
