import fc from 'fast-check';
import { sealThread, threadEntries } from '../../src/domain/evidence/thread-seal';
import { diffEntries } from '../../src/domain/evidence/seal-diff';
import { newThread, ThreadRecord } from '../../src/domain/thread';
import { jmlRequest } from '../../dev/harness/requests';

/** A thread with `n` calls, `m` steps and `k` history entries, each distinct. */
function thread(n: number, m: number, k: number): ThreadRecord {
  const request = jmlRequest('joiner');
  const t = newThread({
    threadKey: `msg_p#${request.requestNumber}`,
    correlationId: 'c',
    webhookId: 'msg_p',
    bodyHash: 'h',
    request,
    userKey: request.user.login,
    now: '2026-12-01T09:00:00.000Z',
  });
  for (let i = 0; i < n; i++)
    t.calls.push({
      method: 'POST',
      path: `/api/v1/users/u${i}`,
      status: 200,
      oktaRequestId: `req-${i}`,
      at: `2026-12-01T09:00:0${i % 10}.000Z`,
      durationMs: i,
    });
  for (let i = 0; i < m; i++) t.steps.push({ step: `step-${i}`, outcome: 'done', detail: `detail ${i}`, at: '2026-12-01T09:00:00.000Z' });
  for (let i = 0; i < k; i++) t.history.push({ state: 'applying', at: `2026-12-01T09:0${i % 10}:00.000Z`, note: `attempt ${i}` });
  return t;
}

const LISTS = ['calls', 'steps', 'history'] as const;

/**
 * The class of tampering, generated: any leaf of any entry edited, any element of any list dropped, any two elements
 * swapped. Each is found, and the finding names the entry that changed.
 */
describe('seal diff finds every generated tampering', () => {
  const shape = fc.record({ n: fc.integer({ min: 2, max: 6 }), m: fc.integer({ min: 2, max: 4 }), k: fc.integer({ min: 2, max: 4 }) });

  test('an edited leaf is reported as an edit of its entry', () => {
    fc.assert(
      fc.property(shape, fc.nat(), fc.string({ minLength: 1, maxLength: 8 }), ({ n, m, k }, pick, text) => {
        const t = thread(n, m, k);
        const seal = sealThread(t, 'now');
        const entries = threadEntries(t);
        const entry = entries[pick % entries.length]!;
        const v = entry.value as Record<string, unknown>;
        const field = Object.keys(v).filter((key) => typeof v[key] === 'string' || typeof v[key] === 'number')[0];
        fc.pre(field !== undefined && v[field] !== `x${text}`);
        const tampered = entries.map((e) => (e === entry ? { ref: e.ref, value: { ...v, [field!]: `x${text}` } } : e));
        const diffs = diffEntries(seal.entries, tampered, () => '');
        expect(diffs).toEqual([expect.objectContaining({ ref: entry.ref, problem: 'entry-edited', message: expect.stringContaining(field!) })]);
      }),
    );
  });

  test('a dropped element is reported as removed at its sealed index', () => {
    fc.assert(
      fc.property(shape, fc.constantFrom(...LISTS), fc.nat(), ({ n, m, k }, list, pick) => {
        const t = thread(n, m, k);
        const seal = sealThread(t, 'now');
        const items = t[list] as unknown[];
        const index = pick % items.length;
        items.splice(index, 1);
        const diffs = diffEntries(seal.entries, threadEntries(t), () => '');
        expect(diffs).toEqual([expect.objectContaining({ ref: `${list}[${index}]`, problem: 'entry-removed' })]);
      }),
    );
  });

  test('two swapped elements are reported as reordered', () => {
    fc.assert(
      fc.property(shape, fc.constantFrom(...LISTS), fc.nat(), fc.nat(), ({ n, m, k }, list, a, b) => {
        const t = thread(n, m, k);
        const seal = sealThread(t, 'now');
        const items = t[list] as unknown[];
        const [i, j] = [a % items.length, b % items.length].sort((x, y) => x - y) as [number, number];
        fc.pre(i !== j);
        [items[i], items[j]] = [items[j], items[i]];
        const diffs = diffEntries(seal.entries, threadEntries(t), () => '');
        expect(diffs).toEqual([
          expect.objectContaining({
            ref: `${list}[${i}]`,
            problem: 'entries-reordered',
            message: expect.stringContaining(`${list}[${i}] was sealed as ${list}[${j}]`),
          }),
        ]);
      }),
    );
  });

  test('an untouched thread has no difference, whatever order its fields were stored in', () => {
    fc.assert(
      fc.property(shape, ({ n, m, k }) => {
        const t = thread(n, m, k);
        const seal = sealThread(t, 'now');
        const shuffled = { ...Object.fromEntries(Object.entries(t).reverse()) } as unknown as ThreadRecord;
        expect(diffEntries(seal.entries, threadEntries(shuffled), () => '')).toEqual([]);
        expect(sealThread(shuffled, 'now').head).toBe(seal.head);
      }),
    );
  });
});
