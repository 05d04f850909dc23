import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../bridge/src/adapters/clock/system-clock';
import { JsonLogger } from '../bridge/src/adapters/logging/json-logger';
import { FileSealLedger } from '../bridge/src/adapters/seal/file-seal-ledger';
import { EvidenceSealer } from '../bridge/src/domain/evidence/evidence-sealer';
import { SealedEntryCache, sealThread } from '../bridge/src/domain/evidence/thread-seal';
import { newThread, ThreadRecord } from '../bridge/src/domain/thread';
import { run as runBulk } from './bulk-onboarding';
import { run as runEndToEnd } from './end-to-end';
import { joiner } from './lib/jml-requests';
import { BenchResult, Row } from './lib/report';
import { round } from './lib/stats';

const ROUNDS = 5;

/**
 * What sealing (bridge/src/domain/evidence: at the end of each unit of work, the latest stored version of each thread
 * and event it wrote hashed, and all of them anchored as one write-once object per day) costs the bridge, side by side in one run: the end-to-end benchmark and the bulk-onboarding benchmark, each without
 * and with sealing, {@link ROUNDS} rounds (`--rounds`) in alternating order (off-on, on-off, ...) after a discarded warm-up run,
 * so that neither JIT warm-up nor a busy shared machine favours one side.
 * Local mode anchors seals as files, where AWS puts S3 objects (one PUT per unit of work); the S3 round trip is a
 * cost of the deployment, not of the code, and is discussed in docs/benchmarks.md.
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const micro = [sealCpu(), await unitCpu()];
  if (args.includes('--micro-only')) {
    return { method: 'CPU of sealing one thread version (hash every entry and field, chain), no I/O', rows: micro };
  }
  const people = Number(args[args.indexOf('--people') + 1]) || 10;
  const joiners = Number(args[args.indexOf('--joiners') + 1]) || 150;
  const rounds = Number(args[args.indexOf('--rounds') + 1]) || ROUNDS;
  const e2e: Record<'off' | 'on', number[][]> = { off: [], on: [] };
  const bulk: Record<'off' | 'on', Array<Record<string, unknown>>> = { off: [], on: [] };
  // CPU of this process (bridge, worker, dynalite and simulators all run in it) per run: on a shared machine the
  // wall clock measures the neighbours too, the CPU time much less so.
  const cpu: Record<'e2e' | 'bulk', Record<'off' | 'on', number[]>> = { e2e: { off: [], on: [] }, bulk: { off: [], on: [] } };
  const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
    const started = process.cpuUsage();
    const result = await work();
    const used = process.cpuUsage(started);
    into.push((used.user + used.system) / 1000);
    return result;
  };
  // CPU spent inside the sealer itself (noting each stored version, sealing and anchoring at each flush), per run: the
  // direct share of sealing, which the whole-process figures above can only bound on a busy machine.
  const inSealer = sealerCpuMeter();
  const sealerMs: Record<'e2e' | 'bulk', number[]> = { e2e: [], bulk: [] };
  const metered = async <T>(into: number[] | undefined, work: () => Promise<T>): Promise<T> => {
    const before = inSealer.totalUs();
    const result = await work();
    into?.push((inSealer.totalUs() - before) / 1000);
    return result;
  };
  // Warm-up of both modes, discarded, so that neither side pays the JIT for the other.
  await runEndToEnd(['--people', '3', '--no-seal']);
  await runEndToEnd(['--people', '3']);
  await runBulk(['--joiners', '50']);
  await runBulk(['--joiners', '50', '--seal']);
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
      const result = await metered(mode === 'on' ? sealerMs.e2e : undefined, () =>
        timed(cpu.e2e[mode], () => runEndToEnd(['--people', String(people), ...(mode === 'off' ? ['--no-seal'] : [])])),
      );
      const samples = (result.details?.samples ?? []) as Array<{ accepted: number; confirmed: number; closed: number }>;
      e2e[mode].push(samples.map((s) => s.confirmed));
      const b = await metered(mode === 'on' ? sealerMs.bulk : undefined, () =>
        timed(cpu.bulk[mode], () => runBulk(['--joiners', String(joiners), ...(mode === 'on' ? ['--seal'] : [])])),
      );
      bulk[mode].push(b.details as Record<string, unknown>);
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  const rows: Row[] = [];
  const e2eOff = e2e.off.flat();
  const e2eOn = e2e.on.flat();
  rows.push({
    benchmark: `end-to-end (${people} people x 3 requests, x${rounds})`,
    measure: 'POST to event-hook confirmed, p50 / p90 ms',
    'sealing off': `${round(median(e2eOff))} / ${round(p(e2eOff, 0.9))}`,
    'sealing on': `${round(median(e2eOn))} / ${round(p(e2eOn, 0.9))}`,
    'on vs off (p50)': `${round((median(e2eOn) / median(e2eOff) - 1) * 100)} %`,
  });
  rows.push({
    benchmark: `end-to-end (${people} people x 3 requests, x${rounds})`,
    measure: 'process CPU per request, ms, each round',
    'sealing off': cpu.e2e.off.map((v) => round(v / (people * 3))).join(' / '),
    'sealing on': cpu.e2e.on.map((v) => round(v / (people * 3))).join(' / '),
    'on vs off (p50)': `${round((median(cpu.e2e.on) / median(cpu.e2e.off) - 1) * 100)} %`,
  });
  rows.push({
    benchmark: `end-to-end (${people} people x 3 requests, x${rounds})`,
    measure: 'CPU inside the sealer per request, ms, each round (vs the sealing-off CPU per request)',
    'sealing off': '-',
    'sealing on': sealerMs.e2e.map((v) => round(v / (people * 3), 2)).join(' / '),
    'on vs off (p50)': `${round((median(sealerMs.e2e) / median(cpu.e2e.off)) * 100, 2)} %`,
  });
  rows.push({
    benchmark: `bulk onboarding (${joiners} joiners, x${rounds})`,
    measure: 'process CPU per joiner, ms, each round',
    'sealing off': cpu.bulk.off.map((v) => round(v / joiners)).join(' / '),
    'sealing on': cpu.bulk.on.map((v) => round(v / joiners)).join(' / '),
    'on vs off (p50)': `${round((median(cpu.bulk.on) / median(cpu.bulk.off) - 1) * 100)} %`,
  });
  rows.push({
    benchmark: `bulk onboarding (${joiners} joiners, x${rounds})`,
    measure: 'CPU inside the sealer per joiner, ms, each round (vs the sealing-off CPU per joiner)',
    'sealing off': '-',
    'sealing on': sealerMs.bulk.map((v) => round(v / joiners, 2)).join(' / '),
    'on vs off (p50)': `${round((median(sealerMs.bulk) / median(cpu.bulk.off)) * 100, 2)} %`,
  });
  for (const [key, label] of [
    ['acceptedMs', 'all accepted (intake), s'],
    ['completionMs', 'release to last confirmed, s'],
  ] as const) {
    const off = bulk.off.map((d) => Number(d[key]));
    const on = bulk.on.map((d) => Number(d[key]));
    rows.push({
      benchmark: `bulk onboarding (${joiners} joiners, x${rounds})`,
      measure: `${label}, each round`,
      'sealing off': off.map((v) => round(v / 1000)).join(' / '),
      'sealing on': on.map((v) => round(v / 1000)).join(' / '),
      'on vs off (p50)': `${round((median(on) / median(off) - 1) * 100)} %`,
    });
  }
  rows.push(...micro);
  return {
    method: `end-to-end and bulk onboarding, sealing off and on, ${rounds} rounds in alternating order after a warm-up, in one process; seals anchored as write-once files (local mode)`,
    rows,
    details: { e2e, bulk, cpu, sealerMs },
  };
}

/** A confirmed joiner as the bridge stores it: 12 Okta calls, 7 state changes, 6 steps, 3 confirmations, 2 writes. */
function typicalThread(): ThreadRecord {
  const at = '2026-12-01T09:00:00.000Z';
  const t = newThread({
    threadKey: 'msg_2Q8c3kLx7#RITM0010001',
    correlationId: '7d0a1c6e-6a0e-4b1e-9a52-1c4a1e6d2f10',
    webhookId: 'msg_2Q8c3kLx7',
    bodyHash: 'a'.repeat(64),
    request: { ...joiner('ada.lovelace', 10001, ['jml-access-eng-linux-prod']), approvals: [{ approver: 'grace.hopper', approvedAt: at }] },
    userKey: 'ada.lovelace@example.com',
    now: at,
  });
  for (let i = 0; i < 12; i++)
    t.calls.push({ method: 'POST', path: `/api/v1/users/00u1/step${i}`, status: 200, oktaRequestId: `req-${i}-aBcDeFgHiJ`, at, durationMs: 5 });
  for (const state of ['queued', 'applying', 'applied', 'confirmed'] as const) t.history.push({ state, at, note: `moved to ${state}` });
  for (let i = 0; i < 6; i++) t.steps.push({ step: `step ${i}`, outcome: 'done', detail: 'added to group jml-access-eng-linux-prod', at });
  for (let i = 0; i < 3; i++) t.confirmations.push({ eventId: `evt-${i}`, eventType: 'user.lifecycle.activate', published: at, oktaRequestId: `req-${i}` });
  for (let i = 0; i < 2; i++) t.serviceNowWrites.push({ at, threadState: 'applied', attempt: 1, ok: true, state: '2' });
  t.outcome = { result: 'success', summary: 'joiner applied' };
  return t;
}

/** CPU of sealing one version: from scratch, and as the bridge does it (the previous version's entries cached). */
function sealCpu(): Row {
  const t = typicalThread();
  const cpu = (seal: (i: number) => void) => {
    for (let i = 0; i < 200; i++) seal(i);
    const n = 2000;
    // CPU time, not wall time: on a shared machine the wall clock measures the neighbours too.
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) seal(i);
    const used = process.cpuUsage(started);
    return (used.user + used.system) / n;
  };
  const scratch = cpu(() => sealThread(t, 'now'));
  const cache = new SealedEntryCache();
  // Each version differs from the one before in its status (the version's updatedAt), as a real save does.
  const incremental = cpu((i) => sealThread({ ...t, updatedAt: `2026-12-01T09:00:${String(i % 60).padStart(2, '0')}.000Z`, attempts: i }, 'now', cache));
  return {
    benchmark: 'seal one version (typical confirmed joiner, 35 entries)',
    measure: 'CPU per seal, µs (no I/O): from scratch / with the previous version cached',
    'sealing off': '-',
    'sealing on': `${round(scratch)} / ${round(incremental)}`,
    'on vs off (p50)': '-',
  };
}

/**
 * CPU of sealing one unit of work as the worker does it for a typical joiner: six versions of the thread noted (applying,
 * four Okta calls, applied), then one flush that seals the newest and anchors it as a file. A new thread each time, so
 * the entry cache never helps (a cold Lambda container). Multiplied by a request's units of work (about four: intake,
 * worker, event-hook deliveries) this is what sealing adds to a request's CPU, without the end-to-end run's noise.
 */
async function unitCpu(): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'seal-unit-'));
  try {
    const sealer = new EvidenceSealer(new FileSealLedger(dir), systemClock, new JsonLogger('silent'));
    const base = typicalThread();
    const unit = async (i: number) => {
      const threadKey = `msg_${i}#RITM${i}`;
      for (let v = 3; v <= 8; v++) sealer.threadStored({ ...base, threadKey, webhookId: `msg_${i}`, version: v, calls: base.calls.slice(0, v) });
      await sealer.flush();
    };
    for (let i = 0; i < 100; i++) await unit(i);
    const n = 1000;
    const started = process.cpuUsage();
    for (let i = 0; i < n; i++) await unit(1000 + i);
    const used = process.cpuUsage(started);
    return {
      benchmark: "seal one unit of work (a joiner's worker: 6 versions noted, 1 flush to a file)",
      measure: 'CPU per unit, µs (cold entry cache)',
      'sealing off': '-',
      'sealing on': `${round((used.user + used.system) / n)}`,
      'on vs off (p50)': '-',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Counts the CPU time spent in {@link EvidenceSealer}'s methods, by wrapping them on its prototype (benchmark only).
 * `flush` is timed up to its first await: with the file ledger, which writes synchronously, that covers the sealing
 * and the anchoring; only the promise's settling comes after.
 */
function sealerCpuMeter(): { totalUs(): number } {
  let total = 0;
  const proto = EvidenceSealer.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['threadStored', 'eventStored', 'flush']) {
    const original = proto[name]!;
    proto[name] = function (this: unknown, ...args: unknown[]): unknown {
      const started = process.cpuUsage();
      try {
        return original.apply(this, args);
      } finally {
        const used = process.cpuUsage(started);
        total += used.user + used.system;
      }
    };
  }
  return { totalUs: () => total };
}
