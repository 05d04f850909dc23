import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../src/adapters/dynamodb/client';
import { ensureTable } from '../../src/adapters/dynamodb/create-table';
import { EvidenceScan } from '../../src/adapters/dynamodb/evidence-scan';
import { FileSealLedger } from '../../src/adapters/seal/file-seal-ledger';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { buildStore } from '../../src/composition/store';
import { sealBatchKey, sealBatchText, sealThread } from '../../src/domain/evidence/thread-seal';
import { verifyStoredPeriod } from '../../src/domain/evidence/verify-stored-period';
import { VerificationResult } from '../../src/domain/evidence/verify-period';
import { newThread, OutsideChangeRecord, ThreadRecord, transition } from '../../src/domain/thread';
import { IntakeService } from '../../src/domain/intake-service';
import { mutateThread } from '../../src/domain/thread-repository';
import { RequestStore } from '../../src/ports/request-store';
import { startDynalite } from '../../dev/local/dynalite';
import { jmlRequest, threadOf } from '../../dev/harness/requests';

const TABLE = 'jml-evidence-tamper-test';
const DAY = new Date().toISOString().slice(0, 10);

/**
 * Threads stored by the real DynamoDB store (dynalite) with sealing on, then changed behind the bridge's back the way
 * an administrator with table access could: `bridge:verify`'s check must name the request, the entry and the change.
 */
describe('verifying a period against its seals', () => {
  let dynamo: { endpoint: string; close: () => Promise<void> };
  let sealDir: string;
  let store: RequestStore;
  let ledger: FileSealLedger;
  let currentTable = '';
  const doc = () => createDocumentClient(createDynamoClient({ region: 'local', endpoint: dynamo.endpoint }));

  beforeAll(async () => {
    dynamo = await startDynalite(TABLE);
  });
  afterAll(() => dynamo.close());
  beforeEach(async () => {
    // A fresh table per test: the period holds only that test's records.
    sealDir = mkdtempSync(join(tmpdir(), 'seals-'));
    ledger = new FileSealLedger(sealDir);
    const table = `${TABLE}-${Math.random().toString(36).slice(2, 8)}`;
    const client = createDynamoClient({ region: 'local', endpoint: dynamo.endpoint });
    await ensureTable(client, table);
    client.destroy();
    currentTable = table;
    store = buildStore({ tableName: table, region: 'local', endpoint: dynamo.endpoint, seal: { dir: sealDir } }, new JsonLogger('silent'));
  });
  afterEach(() => rmSync(sealDir, { recursive: true, force: true }));

  /** A thread as the bridge grows one: claimed, queued, applying, two Okta calls saved as made, applied, confirmed. */
  async function appliedThread(): Promise<ThreadRecord> {
    const now = () => new Date().toISOString();
    const record = threadOf(jmlRequest('joiner'), now());
    // Three units of work, each ending with its flush as the bridge's do: the intake, the worker, the event hook.
    await store.claimThread(record);
    await mutateThread(store, record.threadKey, (r) => transition(r, 'queued', now()));
    await store.flushSeals!();
    await mutateThread(store, record.threadKey, (r) => transition(r, 'applying', now()));
    await store.recordProgress(record, {
      calls: [{ method: 'POST', path: '/api/v1/users', status: 200, oktaRequestId: 'req-create', at: now(), durationMs: 4 }],
      oktaUserId: '00u1',
    });
    await store.recordProgress(record, {
      calls: [{ method: 'POST', path: '/api/v1/users/00u1/lifecycle/activate', status: 200, oktaRequestId: 'req-activate', at: now(), durationMs: 3 }],
    });
    await mutateThread(store, record.threadKey, (r) => {
      transition(r, 'applied', now());
      r.awaiting = ['user.lifecycle.activate'];
      r.outcome = { result: 'success', summary: 'created and activated' };
    });
    await store.flushSeals!();
    const confirmed = await mutateThread(store, record.threadKey, (r) => {
      r.confirmations.push({ eventId: 'evt-1', eventType: 'user.lifecycle.activate', published: now(), oktaRequestId: 'req-activate' });
      transition(r, 'confirmed', now());
    });
    await store.flushSeals!();
    return confirmed!;
  }

  const verify = (): Promise<VerificationResult> =>
    verifyStoredPeriod(new EvidenceScan(doc(), currentTable), ledger, DAY, DAY, Date.now()).then((p) => p.verification);

  /** Rewrites a stored thread item directly in the table, leaving its version as it was (a quiet edit). */
  async function tamper(threadKey: string, change: (record: ThreadRecord) => void, bumpVersion = false): Promise<void> {
    const pk = `THREAD#${threadKey.slice(0, threadKey.lastIndexOf('#'))}`;
    const item = (await doc().send(new GetCommand({ TableName: currentTable, Key: { pk } }))).Item!;
    change(item.record as ThreadRecord);
    if (bumpVersion) {
      item.version = (item.version as number) + 1;
      (item.record as ThreadRecord).version = item.version as number;
    }
    await doc().send(new PutCommand({ TableName: currentTable, Item: item }));
  }

  test('an untouched period verifies: every stored version was sealed and matches', async () => {
    await appliedThread();
    await appliedThread();
    const event: OutsideChangeRecord = {
      eventId: 'evt-outside',
      eventType: 'group.user_membership.add',
      published: new Date().toISOString(),
      oktaUserId: '00u9',
      actor: 'admin@example.com',
      origin: 'pending',
      receivedAt: new Date().toISOString(),
    };
    await store.recordEvent(event);
    await store.updateEventOrigin('evt-outside', 'outside-bridge');
    await store.flushSeals!();
    const result = await verify();
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.threadsChecked).toBe(2);
    expect(result.eventsChecked).toBe(1);
    expect(result.days.map((d) => d.day)).toEqual([DAY]);
  });

  test('an edited field is named by request, entry and path, with the value now stored', async () => {
    const t = await appliedThread();
    await tamper(t.threadKey, (r) => {
      (r.calls[1] as { status: number }).status = 403;
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({
        problem: 'entry-edited',
        requestNumber: t.requestNumber,
        ref: 'calls[1]',
        message: expect.stringContaining('calls[1] (POST /api/v1/users/00u1/lifecycle/activate) changed since it was sealed: status is now 403'),
      }),
    ]);
  });

  test('an edited approval in the request as received is named', async () => {
    const t = await appliedThread();
    await tamper(t.threadKey, (r) => {
      (r.request.approvals[0] as { approver: string }).approver = 'mallory';
    });
    const [finding] = (await verify()).findings;
    expect(finding).toMatchObject({ problem: 'entry-edited', ref: 'request', requestNumber: t.requestNumber });
    expect(finding!.message).toContain('request.approvals[0].approver is now "mallory"');
  });

  test('a dropped Okta call is named', async () => {
    const t = await appliedThread();
    await tamper(t.threadKey, (r) => {
      r.calls.splice(0, 1);
    });
    const findings = (await verify()).findings;
    expect(findings).toEqual([
      expect.objectContaining({
        problem: 'entry-removed',
        ref: 'calls[0]',
        requestNumber: t.requestNumber,
        message: expect.stringContaining('calls[0] was sealed but is missing from the stored record: removed'),
      }),
    ]);
  });

  test('reordered state changes are named, with where each was sealed', async () => {
    const t = await appliedThread();
    await tamper(t.threadKey, (r) => {
      [r.history[3], r.history[4]] = [r.history[4]!, r.history[3]!];
    });
    const findings = (await verify()).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ problem: 'entries-reordered', ref: 'history[3]', requestNumber: t.requestNumber });
    expect(findings[0]!.message).toMatch(
      /history\[3\] \(confirmed at .+\) was sealed as history\[4\]; history\[4\] \(applied at .+\) was sealed as history\[3\]/,
    );
  });

  test('a deleted thread is named: its seal is still anchored', async () => {
    const kept = await appliedThread();
    const gone = await appliedThread();
    await doc().send(new DeleteCommand({ TableName: currentTable, Key: { pk: `THREAD#${gone.webhookId}` } }));
    const findings = (await verify()).findings;
    expect(findings).toEqual([
      expect.objectContaining({
        problem: 'thread-deleted',
        requestNumber: gone.requestNumber,
        message: expect.stringContaining('is not in the table: the thread was deleted'),
      }),
    ]);
    expect(findings.some((f) => f.requestNumber === kept.requestNumber)).toBe(false);
  });

  test('an edit that also bumps the version is an unsealed version, and the changed entry is still named', async () => {
    const t = await appliedThread();
    await tamper(
      t.threadKey,
      (r) => {
        r.outcome = { result: 'success', summary: 'nothing to see' };
      },
      true,
    );
    const findings = (await verify()).findings;
    expect(findings.map((f) => f.problem)).toEqual(['changed-after-seal', 'entry-edited']);
    expect(findings[1]).toMatchObject({ ref: 'status', message: expect.stringContaining('outcome.summary is now "nothing to see"') });
  });

  test('a thread put into the table outside the bridge is unsealed', async () => {
    const request = jmlRequest('leaver');
    const forged = newThread({
      threadKey: `msg_forged#${request.requestNumber}`,
      correlationId: 'c',
      webhookId: 'msg_forged',
      bodyHash: 'h',
      request,
      userKey: request.user.login,
      now: new Date().toISOString(),
    });
    await doc().send(new PutCommand({ TableName: currentTable, Item: { pk: 'THREAD#msg_forged', kind: 'thread', version: 1, record: forged } }));
    expect((await verify()).findings).toEqual([expect.objectContaining({ problem: 'thread-unsealed', requestNumber: request.requestNumber })]);
  });

  test('an outside-bridge event deleted or edited in the table is named', async () => {
    const base = {
      eventType: 'user.account.update_profile',
      published: new Date().toISOString(),
      oktaUserId: '00u9',
      actor: 'admin@example.com',
      origin: 'outside-bridge' as const,
      receivedAt: new Date().toISOString(),
    };
    await store.recordEvent({ ...base, eventId: 'evt-a' });
    await store.recordEvent({ ...base, eventId: 'evt-b' });
    await store.flushSeals!();
    await doc().send(new DeleteCommand({ TableName: currentTable, Key: { pk: 'EVENT#evt-a' } }));
    const item = (await doc().send(new GetCommand({ TableName: currentTable, Key: { pk: 'EVENT#evt-b' } }))).Item!;
    (item.record as { actor: string }).actor = 'okta-bridge';
    await doc().send(new PutCommand({ TableName: currentTable, Item: item }));
    const findings = (await verify()).findings;
    expect(findings.map((f) => [f.problem, f.eventId])).toEqual([
      ['event-deleted', 'evt-a'],
      ['event-edited', 'evt-b'],
    ]);
    expect(findings[1]!.message).toContain('actor is now "okta-bridge"');
  });

  /** Every anchored object of the run, by key. */
  const anchoredObjects = (): string[] => readdirSync(join(sealDir, 'batches', DAY)).map((name) => `batches/${DAY}/${name}`);

  test('each unit of work anchors one object, holding the latest version it stored of each thread', async () => {
    const t = await appliedThread();
    const objects = anchoredObjects();
    expect(objects).toHaveLength(3);
    const versions = objects
      .map((key) => JSON.parse(readFileSync(join(sealDir, key), 'utf8')) as { seals: Array<{ threadKey: string; version: number }> })
      .flatMap((batch) => batch.seals.map((seal) => seal.version))
      .sort((a, b) => a - b);
    // claim (1) and queued (2) in the intake; applying, two calls and applied (3-6) in the worker; confirmed (7).
    expect(versions).toEqual([2, 6, t.version]);
    expect(t.version).toBe(7);
  });

  test('a crash between the table write and the anchor leaves the newest version unsealed, named, until the next write', async () => {
    const t = await appliedThread();
    // A unit of work that stores and then dies before its flush: the store's noted version is never anchored.
    const crashed = buildStore({ tableName: currentTable, region: 'local', endpoint: dynamo.endpoint, seal: { dir: sealDir } }, new JsonLogger('silent'));
    await mutateThread(crashed, t.threadKey, (r) => {
      r.serviceNowWrites.push({ at: new Date().toISOString(), threadState: 'confirmed', attempt: 1, ok: true, state: '3' });
    });
    const findings = (await verify()).findings;
    expect(findings.map((f) => f.problem)).toEqual(['changed-after-seal', 'entry-added']);
    expect(findings[0]!.message).toContain('is stored at version 8, which was never sealed (last seal: version 7');
    expect(findings[0]!.message).toContain('ended before it anchored its seals');
    // The bridge's next write of the thread (a redelivery, the next write-back) seals its newest version again.
    await mutateThread(store, t.threadKey, (r) => {
      r.serviceNowWrites.push({ at: new Date().toISOString(), threadState: 'confirmed', attempt: 2, ok: true, state: '3' });
    });
    await store.flushSeals!();
    expect((await verify()).findings).toEqual([]);
  });

  test('an anchored object edited in place no longer matches its key, and is reported as not a seal', async () => {
    await appliedThread();
    const [key] = anchoredObjects();
    const path = join(sealDir, key!);
    // Back-dating a seal changes no hash inside it; only the key, the hash of the object's text, shows it.
    const batch = JSON.parse(readFileSync(path, 'utf8')) as { seals: Array<{ sealedAt: string }> };
    batch.seals[0]!.sealedAt = '2020-01-01T00:00:00.000Z';
    writeFileSync(path, JSON.stringify(batch));
    const findings = (await verify()).findings;
    expect(findings).toContainEqual(
      expect.objectContaining({
        problem: 'seal-invalid',
        message: expect.stringContaining(`anchored object ${key} is not a seal: its key is not the hash of its content`),
      }),
    );
    expect((await verify()).ok).toBe(false);
  });

  test('a second, different seal of a sealed version (a forged batch that matches an edit) is reported', async () => {
    const t = await appliedThread();
    const edited = { ...t, outcome: { result: 'success' as const, summary: 'nothing to see' } };
    await tamper(t.threadKey, (r) => {
      r.outcome = edited.outcome;
    });
    const forgedText = sealBatchText(DAY, [sealThread(edited, new Date(Date.now() + 1000).toISOString())]);
    writeFileSync(join(sealDir, sealBatchKey(DAY, forgedText)), forgedText);
    const findings = (await verify()).findings;
    expect(findings).toEqual([
      expect.objectContaining({
        problem: 'seal-rewritten',
        threadKey: t.threadKey,
        message: expect.stringContaining('version 7 was sealed twice with different content'),
      }),
      expect.objectContaining({ problem: 'entry-edited', ref: 'status', message: expect.stringContaining('outcome.summary is now "nothing to see"') }),
    ]);
  });

  test('a unit of work that fails after storing still seals what it stored (the intake with the queue down)', async () => {
    const request = jmlRequest('joiner');
    const queueDown = {
      enqueue: async () => {
        throw new Error('queue unreachable');
      },
    };
    const intake = new IntakeService(
      store,
      queueDown,
      { now: Date.now, isoNow: () => new Date().toISOString(), sleep: async () => undefined },
      new JsonLogger('silent'),
    );
    await expect(intake.accept({ webhookId: 'msg_down', bodyHash: 'h', request })).rejects.toThrow('queue unreachable');
    expect(anchoredObjects()).toHaveLength(1);
    const result = await verify();
    expect(result.findings).toEqual([]);
    expect(result.threadsChecked).toBe(1);
  });
});
