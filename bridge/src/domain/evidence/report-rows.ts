import { OutsideChangeRecord, ThreadRecord } from '../thread';
import { VerificationResult } from './verify-period';

/** What a timeline row records. */
export type EvidenceKind =
  | 'request'
  | 'approval'
  | 'state'
  | 'dead-letter'
  | 'replay'
  | 'okta-call'
  | 'step'
  | 'confirmation'
  | 'servicenow-write'
  | 'outcome'
  | 'outside-change'
  | 'verification';

/**
 * One line of the evidence: the same columns in the CSV, the JSON and the page. Every value is a string so that the
 * three carry exactly the same rows (empty string when a column does not apply).
 */
export interface EvidenceRow {
  readonly requestNumber: string;
  readonly correlationId: string;
  /** joiner, mover, leaver, rehire; `outside-bridge` for changes Okta reported that no request caused. */
  readonly action: string;
  /** The person the request is about (their login), or the Okta user id of an outside change nobody requested. */
  readonly person: string;
  /** The thread's current state (`outside-bridge` / `pending` for outside changes). */
  readonly state: string;
  readonly at: string;
  readonly kind: EvidenceKind;
  /** Who acted: the approver, the requester, the bridge, Okta, or the administrator of an outside change. */
  readonly actor: string;
  readonly detail: string;
  readonly oktaRequestId: string;
  readonly systemLogEventId: string;
  /** `verified`, or what bridge:verify found wrong with this request's stored thread. */
  readonly verification: string;
}

export const EVIDENCE_COLUMNS: readonly (keyof EvidenceRow)[] = [
  'requestNumber',
  'correlationId',
  'action',
  'person',
  'state',
  'at',
  'kind',
  'actor',
  'detail',
  'oktaRequestId',
  'systemLogEventId',
  'verification',
];

/**
 * The period's evidence as rows: per request (oldest first) its intake and approvals, every state change (dead
 * letters and replays named as such), Okta call, step, System Log confirmation, ServiceNow write and the outcome, in
 * time order; then the changes made outside the bridge; then one row per verification finding not tied to a request.
 */
export function evidenceRows(threads: readonly ThreadRecord[], events: readonly OutsideChangeRecord[], verification: VerificationResult): EvidenceRow[] {
  const findingsByRequest = new Map<string, string[]>();
  const loose: string[] = [];
  for (const f of verification.findings) {
    if (f.requestNumber) {
      findingsByRequest.set(f.requestNumber, [...(findingsByRequest.get(f.requestNumber) ?? []), f.message]);
    } else if (!f.eventId) {
      loose.push(f.message);
    }
  }
  const eventFindings = new Map(verification.findings.filter((f) => f.eventId).map((f) => [f.eventId!, f.message]));
  const rows: EvidenceRow[] = [];
  for (const t of threads) {
    const base = {
      requestNumber: t.requestNumber,
      correlationId: t.correlationId,
      action: t.action,
      person: t.request.user.login,
      state: t.state,
      oktaRequestId: '',
      systemLogEventId: '',
      verification: findingsByRequest.get(t.requestNumber)?.join(' | ') ?? 'verified',
    };
    const timeline: Array<Omit<EvidenceRow, keyof typeof base> & Partial<EvidenceRow>> = [];
    timeline.push({
      at: t.receivedAt,
      kind: 'request',
      actor: t.request.requestedBy,
      detail: `${t.action} for ${t.request.user.login} effective ${t.request.effectiveDate}${t.request.groups ? `; groups ${t.request.groups.join(', ')}` : ''}`,
    });
    for (const a of t.request.approvals) {
      timeline.push({ at: a.approvedAt, kind: 'approval', actor: a.approver, detail: 'approved in ServiceNow' });
    }
    t.history.forEach((h, i) => {
      const previous = t.history[i - 1]?.state;
      const kind = h.state === 'dead-lettered' ? 'dead-letter' : h.state === 'queued' && previous === 'dead-lettered' ? 'replay' : 'state';
      timeline.push({ at: h.at, kind, actor: 'bridge', detail: `${h.state}${h.note ? `: ${h.note}` : ''}` });
    });
    for (const c of t.calls) {
      timeline.push({
        at: c.at,
        kind: 'okta-call',
        actor: 'bridge',
        detail: `${c.method} ${c.path} -> ${c.status}${c.errorCode ? ` ${c.errorCode}` : ''} (${c.durationMs} ms)`,
        oktaRequestId: c.oktaRequestId ?? '',
      });
    }
    for (const s of t.steps) {
      timeline.push({ at: s.at, kind: 'step', actor: 'bridge', detail: `${s.step}: ${s.outcome}: ${s.detail}` });
    }
    for (const c of t.confirmations) {
      timeline.push({
        at: c.published,
        kind: 'confirmation',
        actor: 'okta',
        detail: `${c.eventType} confirms the call`,
        oktaRequestId: c.oktaRequestId ?? '',
        systemLogEventId: c.eventId,
      });
    }
    for (const w of t.serviceNowWrites) {
      timeline.push({
        at: w.at,
        kind: 'servicenow-write',
        actor: 'bridge',
        detail: `reported ${w.threadState} (attempt ${w.attempt}): ${w.pending ? 'in progress' : w.ok ? 'written' : `failed${w.error ? `: ${w.error}` : ''}`}${w.state ? `; state ${w.state}` : ''}`,
      });
    }
    if (t.outcome) {
      timeline.push({
        at: t.updatedAt,
        kind: 'outcome',
        actor: 'bridge',
        detail: `${t.outcome.result}: ${t.outcome.summary}${t.outcome.compensated ? ' (undone step by step)' : ''}${t.outcome.retryable ? ' (retryable: awaits a replay)' : ''}`,
      });
    }
    const ordered = timeline.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i));
    rows.push(...ordered.map(({ e }) => ({ ...base, ...e }) as EvidenceRow));
  }
  const loginByUserId = new Map(threads.filter((t) => t.oktaUserId).map((t) => [t.oktaUserId!, t.request.user.login]));
  for (const e of events.filter((ev) => ev.origin !== 'bridge')) {
    rows.push({
      requestNumber: '',
      correlationId: '',
      action: 'outside-bridge',
      person: loginByUserId.get(e.oktaUserId) ?? e.oktaUserId,
      state: e.origin,
      at: e.published,
      kind: 'outside-change',
      actor: e.actor,
      detail: `${e.eventType}${e.displayMessage ? `: ${e.displayMessage}` : ''} (Okta user ${e.oktaUserId})`,
      oktaRequestId: e.oktaRequestId ?? '',
      systemLogEventId: e.eventId,
      verification: eventFindings.get(e.eventId) ?? 'verified',
    });
  }
  for (const message of loose) {
    rows.push({
      requestNumber: '',
      correlationId: '',
      action: '',
      person: '',
      state: '',
      at: '',
      kind: 'verification',
      actor: 'bridge:verify',
      detail: message,
      oktaRequestId: '',
      systemLogEventId: '',
      verification: 'failed',
    });
  }
  for (const f of verification.findings.filter((x) => x.requestNumber && !threads.some((t) => t.requestNumber === x.requestNumber))) {
    rows.push({
      requestNumber: f.requestNumber!,
      correlationId: '',
      action: '',
      person: '',
      state: 'missing',
      at: '',
      kind: 'verification',
      actor: 'bridge:verify',
      detail: f.message,
      oktaRequestId: '',
      systemLogEventId: '',
      verification: 'failed',
    });
  }
  return rows;
}
