import { EvidenceRow } from '../../domain/evidence/report-rows';
import { VerificationResult } from '../../domain/evidence/verify-period';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * One self-contained page for people: a verification banner, filters (action, person, state) and a timeline per
 * request, outside-bridge changes as their own timelines. No external asset of any kind; the Content-Security-Policy
 * forbids loading one, so the page reads the same offline, attached to an audit ticket.
 */
export function toHtml(rows: readonly EvidenceRow[], verification: VerificationResult, generatedAt: string): string {
  const groups = new Map<string, EvidenceRow[]>();
  for (const r of rows) {
    const key = r.kind === 'outside-change' ? `outside:${r.person}` : r.requestNumber ? `request:${r.requestNumber}` : 'verification';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const timelines = [...groups.entries()].filter(([k]) => k !== 'verification').map(([key, items]) => timeline(key, items));
  const values = (f: keyof EvidenceRow) =>
    [...new Set([...groups.entries()].filter(([k]) => k !== 'verification').map(([, items]) => items[0]![f]))].filter(Boolean).sort();
  const select = (id: string, label: string, options: string[]) =>
    `<label>${label} <select id="filter-${id}" data-filter="${id}"><option value="">all</option>${options.map((o) => `<option value="${esc(o)}">${esc(o)}</option>`).join('')}</select></label>`;
  const banner = verification.ok
    ? `<p class="banner ok" id="verification">Verified: ${verification.threadsChecked} request(s) and ${verification.eventsChecked} Okta event(s) match their ${verification.sealsRead} seal(s).</p>`
    : `<div class="banner failed" id="verification"><p>Verification FAILED: ${verification.findings.length} finding(s).</p><ul>${verification.findings.map((f) => `<li>${esc(f.message)}</li>`).join('')}</ul></div>`;
  const days = verification.days
    .map((d) => `<li>${esc(d.day)}: ${d.threads} request(s), ${d.events} event(s), day head <code>${esc(d.head)}</code></li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>JML bridge evidence ${esc(verification.from)} to ${esc(verification.to)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d1d1f;max-width:72rem}
h1{font-size:1.4rem;margin:0 0 .5rem}
.banner{padding:.6rem .9rem;border-radius:6px;margin:.8rem 0}.ok{background:#e6f4ea;border:1px solid #34a853}.failed{background:#fce8e6;border:1px solid #d93025}
.filters{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0;padding:.6rem;background:#f5f5f7;border-radius:6px}
section.timeline{border:1px solid #d2d2d7;border-radius:6px;margin:1rem 0;padding:.4rem 1rem}
section.timeline h2{font-size:1.05rem;margin:.4rem 0}
.meta{color:#555;font-size:.9em}
ol{list-style:none;padding:0;margin:.4rem 0}
li.event{display:grid;grid-template-columns:13rem 9rem 10rem 1fr;gap:.5rem;padding:.2rem 0;border-top:1px solid #eee}
.kind{font-weight:600}.kind-dead-letter,.kind-verification{color:#b3261e}.kind-replay{color:#8a5a00}.kind-confirmation{color:#137333}
.ids{grid-column:4;color:#555;font-size:.85em}
.unverified h2::after{content:" (verification failed)";color:#b3261e}
</style></head><body>
<h1>Golden-thread evidence, ${esc(verification.from)} to ${esc(verification.to)}</h1>
<p class="meta">Generated ${esc(generatedAt)} by <code>npm run bridge:evidence</code>; the same rows are in the CSV and JSON files beside this page.</p>
${banner}
<details><summary>Seal chain per day</summary><ul>${days}</ul></details>
<div class="filters">${select('action', 'Action', values('action'))}${select('person', 'Person', values('person'))}${select('state', 'State', values('state'))}<span id="shown" aria-live="polite">${timelines.length} of ${timelines.length} timelines shown</span></div>
<main id="timelines">
${timelines.join('\n')}
</main>
<script>
(function () {
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.timeline'));
  function apply() {
    var shown = 0;
    sections.forEach(function (s) {
      var visible = selects.every(function (sel) { return !sel.value || s.dataset[sel.dataset.filter] === sel.value; });
      s.hidden = !visible;
      if (visible) shown++;
    });
    document.getElementById('shown').textContent = shown + ' of ' + sections.length + ' timelines shown';
  }
  selects.forEach(function (sel) { sel.addEventListener('change', apply); });
})();
</script>
</body></html>
`;
}

function timeline(key: string, items: readonly EvidenceRow[]): string {
  const first = items[0]!;
  const id = key.replace(/[^A-Za-z0-9_-]/g, '-');
  const title = first.kind === 'outside-change' ? `Changes outside the bridge: ${first.person}` : `${first.requestNumber} · ${first.action} · ${first.person}`;
  const verified = items.every((r) => r.verification === 'verified');
  const events = items
    .map((r) => {
      const ids = [r.oktaRequestId && `X-Okta-Request-Id ${r.oktaRequestId}`, r.systemLogEventId && `System Log event ${r.systemLogEventId}`]
        .filter(Boolean)
        .join(' · ');
      return `<li class="event" data-kind="${esc(r.kind)}"><time>${esc(r.at)}</time><span class="kind kind-${esc(r.kind)}">${esc(r.kind)}</span><span class="actor">${esc(r.actor)}</span><span class="detail">${esc(r.detail)}</span>${ids ? `<span class="ids">${esc(ids)}</span>` : ''}</li>`;
    })
    .join('');
  return `<section class="timeline${verified ? '' : ' unverified'}" id="${esc(id)}" data-action="${esc(first.action)}" data-person="${esc(first.person)}" data-state="${esc(first.state)}">
<h2>${esc(title)}</h2>
<p class="meta">state: <span class="state">${esc(first.state)}</span>${first.correlationId ? ` · correlation id ${esc(first.correlationId)}` : ''} · ${verified ? 'verified against its seals' : esc(items.find((r) => r.verification !== 'verified')!.verification)}</p>
<ol>${events}</ol></section>`;
}
