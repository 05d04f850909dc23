import fc from 'fast-check';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { EvidenceSealer, FULL_BATCH } from '../../src/domain/evidence/evidence-sealer';
import { Seal, sealBatchKey, sealBatchText } from '../../src/domain/evidence/thread-seal';
import { verifyPeriod } from '../../src/domain/evidence/verify-period';
import { newThread, OutsideChangeRecord, ThreadRecord } from '../../src/domain/thread';
import { Clock } from '../../src/ports/clock';
import { AnchoredSeal, SealLedger } from '../../src/ports/seal-ledger';
import { jmlRequest } from '../../dev/harness/requests';

const NOW = '2026-12-01T09:00:00.000Z';
const clock: Clock = { now: () => Date.parse(NOW), isoNow: () => NOW, sleep: async () => undefined };

/** A ledger in memory: the objects it was asked to anchor, in order, and a switch to make anchoring fail. */
class MemoryLedger implements SealLedger {
  readonly objects: Array<{ key: string; day: string; seals: readonly Seal[] }> = [];
  failing = false;
  async anchor(day: string, seals: readonly Seal[]): Promise<void> {
    if (this.failing) throw new Error('S3 is unreachable');
    this.objects.push({ key: sealBatchKey(day, sealBatchText(day, seals)), day, seals });
  }
  anchored(): AnchoredSeal[] {
    return this.objects.flatMap((o) => o.seals.map((seal) => ({ key: o.key, writes: 1, seal })));
  }
}

function thread(n: number, receivedAt = NOW): ThreadRecord {
  const request = jmlRequest('joiner');
  return newThread({
    threadKey: `msg_${n}#RITM${n}`,
    correlationId: `c${n}`,
    webhookId: `msg_${n}`,
    bodyHash: 'h',
    request,
    userKey: request.user.login,
    now: receivedAt,
  });
}

const version = (t: ThreadRecord, v: number, note = `v${v}`): ThreadRecord => ({
  ...t,
  version: v,
  updatedAt: NOW,
  history: [...t.history, { state: 'received', at: NOW, note }],
});

describe('the evidence sealer: one anchor per unit of work', () => {
  test('a flush anchors one object per day with the newest version of each thread and event; an empty flush anchors nothing', async () => {
    const ledger = new MemoryLedger();
    const sealer = new EvidenceSealer(ledger, clock, new JsonLogger('silent'));
    const a = thread(1);
    const old = thread(2, '2026-11-30T23:59:59.000Z');
    sealer.threadStored(version(a, 1));
    sealer.threadStored(version(a, 3));
    sealer.threadStored(version(a, 2)); // noted late (a slower writer): never replaces a newer version
    sealer.threadStored(version(old, 5));
    const event: OutsideChangeRecord = {
      eventId: 'e1',
      eventType: 'user.lifecycle.activate',
      published: NOW,
      oktaUserId: '00u1',
      actor: 'x',
      origin: 'pending',
      receivedAt: NOW,
    };
    sealer.eventStored(event);
    sealer.eventStored({ ...event, origin: 'bridge' });
    await sealer.flush();
    await sealer.flush();
    expect(ledger.objects.map((o) => [o.day, o.seals.map((s) => (s.kind === 'thread' ? `${s.threadKey}@${s.version}` : `${s.eventId}:${s.origin}`))])).toEqual([
      ['2026-12-01', ['msg_1#RITM1@3', 'e1:bridge']],
      ['2026-11-30', ['msg_2#RITM2@5']],
    ]);
  });

  test('a record changed by its caller after it was stored is sealed as stored', async () => {
    const ledger = new MemoryLedger();
    const sealer = new EvidenceSealer(ledger, clock, new JsonLogger('silent'));
    const base = thread(1);
    const stored = version(base, 1);
    sealer.threadStored(stored);
    stored.outcome = { result: 'success', summary: 'changed in memory, never stored' };
    await sealer.flush();
    const result = await verifyPeriod({
      from: '2026-12-01',
      to: '2026-12-01',
      threads: [version(base, 1)],
      events: [],
      seals: ledger.anchored(),
      getThread: async () => undefined,
      eventsExpireBefore: '2000-01-01',
    });
    expect(result.findings).toEqual([]);
  });

  test('a failed anchor is logged and retried by the next flush, unless a newer version was noted meanwhile', async () => {
    const lines: string[] = [];
    const ledger = new MemoryLedger();
    const sealer = new EvidenceSealer(ledger, clock, new JsonLogger('warn', {}, (line) => lines.push(line)));
    const [a, b] = [thread(1), thread(2)];
    sealer.threadStored(version(a, 1));
    sealer.threadStored(version(b, 1));
    ledger.failing = true;
    await sealer.flush();
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ event: 'seal.not_anchored', day: '2026-12-01', seals: 2, error: 'S3 is unreachable' }),
    ]);
    ledger.failing = false;
    sealer.threadStored(version(b, 2));
    await sealer.flush();
    expect(ledger.objects.flatMap((o) => o.seals.map((s) => (s.kind === 'thread' ? `${s.threadKey}@${s.version}` : '')))).toEqual([
      'msg_1#RITM1@1',
      'msg_2#RITM2@2',
    ]);
  });

  test('units of work that overlap in one process (local mode) share one anchor, made when the last ends or a batch is full', async () => {
    const ledger = new MemoryLedger();
    const sealer = new EvidenceSealer(ledger, clock, new JsonLogger('silent'));
    const [a, b] = [thread(1), thread(2)];
    sealer.unitStarted();
    sealer.unitStarted();
    sealer.threadStored(version(a, 1));
    sealer.threadStored(version(b, 1));
    await sealer.unitEnded(); // the other unit still runs: nothing anchored yet
    expect(ledger.objects).toEqual([]);
    sealer.threadStored(version(b, 2));
    await sealer.unitEnded();
    expect(ledger.objects.map((o) => o.seals.map((s) => (s.kind === 'thread' ? `${s.threadKey}@${s.version}` : '')))).toEqual([
      ['msg_1#RITM1@1', 'msg_2#RITM2@2'],
    ]);

    // Busy without pause: a unit that ends with a full batch flushes although others still run.
    sealer.unitStarted();
    sealer.unitStarted();
    for (let n = 10; n < 10 + FULL_BATCH; n++) sealer.threadStored(version(thread(n), 1));
    await sealer.unitEnded();
    expect(ledger.objects).toHaveLength(2);
    expect(ledger.objects[1]!.seals).toHaveLength(FULL_BATCH);
    await sealer.unitEnded();
    expect(ledger.objects).toHaveLength(2); // nothing left to anchor
  });

  test('whatever units of work store and however many crash before their flush, the verifier names exactly the threads whose stored version was never anchored', async () => {
    // Each step: a unit of work stores a new version of some threads, then flushes, or crashes (its noted versions are lost).
    const step = fc.record({ threads: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }), crashes: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const ledger = new MemoryLedger();
        const stored = new Map<number, ThreadRecord>();
        const unsealed = new Set<number>();
        for (const { threads, crashes } of steps) {
          const sealer = new EvidenceSealer(ledger, clock, new JsonLogger('silent'));
          for (const n of threads) {
            // A unit of work often stores several versions of a thread; only the newest is sealed.
            const before = stored.get(n);
            const from = before?.version ?? 0;
            sealer.threadStored(version(before ?? thread(n), from + 1, 'intermediate'));
            const next = version(before ?? thread(n), from + 2);
            stored.set(n, next);
            sealer.threadStored(next);
          }
          if (!crashes) await sealer.flush();
          for (const n of threads) {
            if (crashes) unsealed.add(n);
            else unsealed.delete(n);
          }
        }
        const result = await verifyPeriod({
          from: '2026-12-01',
          to: '2026-12-01',
          threads: [...stored.values()],
          events: [],
          seals: ledger.anchored(),
          getThread: async () => undefined,
          eventsExpireBefore: '2000-01-01',
        });
        const named = new Set(result.findings.filter((f) => f.problem === 'changed-after-seal' || f.problem === 'thread-unsealed').map((f) => f.threadKey));
        expect(named).toEqual(new Set([...unsealed].map((n) => `msg_${n}#RITM${n}`)));
        expect(result.ok).toBe(unsealed.size === 0);
      }),
      { numRuns: 150 },
    );
  });
});
