import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserContext, chromium } from 'playwright-core';
import { createDocumentClient, createDynamoClient } from '../../src/adapters/dynamodb/client';
import { EvidenceScan } from '../../src/adapters/dynamodb/evidence-scan';
import { FileSealLedger } from '../../src/adapters/seal/file-seal-ledger';
import { EvidenceReport, buildEvidenceReport } from '../../src/cli/evidence/report';
import { EVIDENCE_COLUMNS, EvidenceRow } from '../../src/domain/evidence/report-rows';
import { ADMIN_CONTEXT } from '../../dev/harness/okta-actions';
import { DemoStep, runDemoScenario } from '../../dev/local/demo-scenario';
import { LOCAL_TABLE, LocalEnvironment, startLocalEnvironment } from '../../dev/local/environment';
import { waitUntil } from '../../../test/helpers/wait';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Where the test leaves its screenshot of the page, for a person to look at. */
const SCREENSHOT = join(tmpdir(), 'jml-bridge-evidence-page.png');

/** RFC 4180 parsing (quoted cells, doubled quotes, CRLF), enough to read back what `toCsv` wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

/**
 * The evidence report of the local demo's period (joiner, mover, leaver for one person, end to end on the local
 * stack with sealing on), opened in a real headless Chromium: what an auditor sees, read from the page.
 */
describe('the evidence report of the local demo, in headless Chromium', () => {
  let local: LocalEnvironment;
  let steps: DemoStep[];
  let report: EvidenceReport;
  let context: BrowserContext;
  let profile: string;
  let out: string;
  const day = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`this test needs Debian's chromium at ${CHROMIUM}: run apt-get install -y chromium (.ci/run installs it)`);
    }
    local = await startLocalEnvironment({ logLevel: 'silent' });
    steps = await runDemoScenario(local);
    // An administrator changes the person in Okta directly: a change made outside the bridge, for the report to show.
    const userId = steps[0]!.thread.oktaUserId!;
    local.okta.directory.updateProfile(userId, { title: 'Chief Everything Officer' }, ADMIN_CONTEXT);
    await local.settle();
    await waitUntil(async () => (await local.bridge.store.findEventsByOktaUserId(userId)).some((e) => e.origin === 'outside-bridge'));
    const doc = createDocumentClient(createDynamoClient({ region: 'local', endpoint: local.dynamoEndpoint }));
    report = await buildEvidenceReport(new EvidenceScan(doc, LOCAL_TABLE), new FileSealLedger(local.sealDir!), day, day, new Date());
    out = mkdtempSync(join(tmpdir(), 'evidence-'));
    writeFileSync(join(out, 'evidence.html'), report.files['evidence.html']);
    profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await local?.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  test('the demo period verifies, and CSV and JSON carry the same rows', () => {
    expect(report.verification.findings).toEqual([]);
    expect(report.verification.ok).toBe(true);
    const json = JSON.parse(report.files['evidence.json']) as { rows: EvidenceRow[] };
    const [header, ...cells] = parseCsv(report.files['evidence.csv']);
    expect(header).toEqual(EVIDENCE_COLUMNS);
    const csvRows = cells.map((c) => Object.fromEntries(EVIDENCE_COLUMNS.map((name, i) => [name, c[i]!.replace(/^'(?=[=+\-@\t\r])/, '')])));
    expect(csvRows).toEqual(json.rows);
    expect(json.rows.length).toBeGreaterThan(20);
  });

  test("a reader finds each request's timeline, from intake to Okta's confirmation, and filters them", async () => {
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(pathToFileURL(join(out, 'evidence.html')).href);

    await expect(page.locator('#verification').innerText()).resolves.toMatch(/^Verified: 3 request\(s\) and \d+ Okta event\(s\) match their \d+ seal\(s\)\.$/);
    const joiner = steps[0]!;
    const section = page.locator('section.timeline', { has: page.locator('h2', { hasText: joiner.request.requestNumber }) });
    await expect(section.locator('h2').innerText()).resolves.toBe(`${joiner.request.requestNumber} · joiner · ada.lovelace@example.com`);
    await expect(section.locator('.state').innerText()).resolves.toBe('confirmed');
    const events = await section.locator('li.event').evaluateAll((lis) =>
      lis.map((li) => ({
        kind: li.querySelector('.kind')!.textContent,
        actor: li.querySelector('.actor')!.textContent,
        detail: li.querySelector('.detail')!.textContent,
        ids: li.querySelector('.ids')?.textContent ?? '',
      })),
    );
    const kinds = events.map((e) => e.kind);
    expect(kinds).toContain('approval');
    expect(events.find((e) => e.kind === 'approval')).toMatchObject({ actor: 'grace.hopper' });
    expect(events.find((e) => e.kind === 'request')).toMatchObject({ actor: 'hr.partner' });
    const calls = events.filter((e) => e.kind === 'okta-call');
    expect(calls.some((c) => /^POST \/api\/v1\/users/.test(c.detail!))).toBe(true);
    for (const call of calls) expect(call.ids).toMatch(/^X-Okta-Request-Id \S+/);
    for (const call of joiner.thread.calls) expect(calls.map((c) => c.ids)).toContain(`X-Okta-Request-Id ${call.oktaRequestId}`);
    // The timeline orders events by time, so the thread's confirmations appear in publication order, not stored order.
    const confirmationIds = events.filter((e) => e.kind === 'confirmation').map((e) => e.ids);
    expect(confirmationIds).toHaveLength(joiner.thread.confirmations.length);
    for (const c of joiner.thread.confirmations) expect(confirmationIds).toContain(`X-Okta-Request-Id ${c.oktaRequestId} · System Log event ${c.eventId}`);
    expect(kinds).toContain('servicenow-write');
    expect(kinds.indexOf('okta-call')).toBeGreaterThan(kinds.indexOf('request'));
    expect(kinds.lastIndexOf('confirmation')).toBeGreaterThan(kinds.indexOf('okta-call'));

    await expect(page.locator('section.timeline:visible').count()).resolves.toBe(4);
    await page.selectOption('#filter-action', 'leaver');
    await expect(page.locator('section.timeline:visible h2').allInnerTexts()).resolves.toEqual([
      `${steps[2]!.request.requestNumber} · leaver · ada.lovelace@example.com`,
    ]);
    await expect(page.locator('#shown').innerText()).resolves.toBe('1 of 4 timelines shown');
    await page.selectOption('#filter-action', 'outside-bridge');
    const outside = page.locator('section.timeline:visible');
    await expect(outside.locator('h2').allInnerTexts()).resolves.toEqual(['Changes outside the bridge: ada.lovelace@example.com']);
    await expect(outside.locator('li.event .actor').allInnerTexts()).resolves.toEqual(['admin@example.com']);
    await expect(outside.locator('li.event .detail').innerText()).resolves.toMatch(/^user\.account\.update_profile/);
    await expect(outside.locator('li.event .ids').innerText()).resolves.toMatch(/System Log event \S+$/);
    await page.selectOption('#filter-action', '');
    await page.selectOption('#filter-person', 'ada.lovelace@example.com');
    await page.selectOption('#filter-state', 'confirmed');
    await expect(page.locator('#shown').innerText()).resolves.toBe('3 of 4 timelines shown');
    await page.selectOption('#filter-state', '');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    expect(requested).toEqual([pathToFileURL(join(out, 'evidence.html')).href]);
    await page.close();
  });
});
