import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV } from '../bridge/contract/env-names';
import { ThreadRecord } from '../bridge/src/domain/thread';
import { startStack } from '../bridge/dev/harness/stack';
import { WorkerGate } from './lib/gate';
import { joiner } from './lib/jml-requests';
import { BenchResult, Row } from './lib/report';
import { round } from './lib/stats';

/**
 * Okta's Workforce limit on creates and on lifecycle calls (600 a minute each), scaled so that the limit, not this
 * machine, is the bottleneck (the local stack applies about 8 joiners a second on 2 cores, the limit here is 5) and a
 * run takes under three minutes: {@link BOTTLENECK_LIMIT} per {@link WINDOW_MS} window for those two buckets, every
 * other bucket at its Workforce limit x {@link OTHER_SCALE}. Time-based retry settings are divided by the window ratio.
 */
const WINDOW_MS = 10_000;
const OTHER_SCALE = WINDOW_MS / 60_000;
const TIME_SCALE = 60_000 / WINDOW_MS;
/** Per-window limit of both buckets a joiner spends exactly one call in (create; lifecycle activate). */
const BOTTLENECK_LIMIT = 50;
/** `X-Rate-Limit-Reset` and `Date` have one-second resolution: a client can only know the reset to within 1 s. */
const HEADER_RESOLUTION_MS = 1_000;
const JOINERS = 750;
const WORKERS = 10;

/**
 * Bulk onboarding against the rate limit: `JOINERS` signed joiners are accepted first (the worker held back), then the
 * worker is released with `WORKERS` concurrent slots (the worker function's reserved concurrency) against an Okta
 * simulator enforcing the compressed limits above. `--reserve 0.1` runs with the production headroom (the default
 * here is none, to measure the pacing itself).
 * Completion is measured from release to the last thread confirmed by Okta's event hook; the ideal is
 * joiners / limit windows, as each joiner spends one call in each of the two binding buckets (create, activate).
 * A client that reads the reset from whole-second headers and adds its padding cannot do better than "reachable".
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const joiners = Number(args[args.indexOf('--joiners') + 1]) || JOINERS;
  const workers = Number(args[args.indexOf('--workers') + 1]) || WORKERS;
  const reserve = Number(args.includes('--reserve') ? args[args.indexOf('--reserve') + 1] : '0');
  const sealDir = args.includes('--seal') ? mkdtempSync(join(tmpdir(), 'bulk-seals-')) : undefined;
  const { row, detail } = await runOnce(reserve, joiners, workers, sealDir).finally(() => sealDir && rmSync(sealDir, { recursive: true, force: true }));
  return {
    method: `${joiners} joiners accepted, then released to ${workers} worker slots; Okta simulator allowing ${BOTTLENECK_LIMIT} creates and ${BOTTLENECK_LIMIT} lifecycle calls per ${WINDOW_MS / 1000} s window (other buckets Workforce x ${round(OTHER_SCALE, 3)}; retry timings / ${TIME_SCALE}); ideal = joiners / ${BOTTLENECK_LIMIT} windows; "reachable" uses only the part of each window the reserve leaves and adds the 1 s header resolution and the reset padding to every window but the last`,
    rows: [row],
    details: { windowMs: WINDOW_MS, joiners, workers, ...detail },
  };
}

async function runOnce(reserve: number, joiners: number, workers: number, sealDir?: string): Promise<{ row: Row; detail: Record<string, unknown> }> {
  const stack = await startStack({
    okta: {
      rateLimits: { windowMs: WINDOW_MS, scale: OTHER_SCALE, limits: { 'users-create-list': BOTTLENECK_LIMIT, 'user-update': BOTTLENECK_LIMIT } },
      eventHookBatchDelayMs: 10,
    },
    env: {
      [ENV.logLevel]: 'warn',
      [ENV.oktaMaxRetries]: '3',
      [ENV.oktaRetryBaseMs]: String(Math.round(200 / TIME_SCALE)),
      [ENV.oktaRetryMaxMs]: String(Math.round(5000 / TIME_SCALE)),
      [ENV.oktaRateLimitPaddingMs]: String(Math.round(1000 / TIME_SCALE)),
      [ENV.oktaRateLimitReserve]: String(reserve),
      // --seal: every stored version sealed to a directory, as in local mode (the tests' harness does not seal).
      ...(sealDir ? { [ENV.sealDir]: sealDir } : {}),
    },
  });
  try {
    const gate = new WorkerGate(workers);
    stack.bridge.queue.consume((message) => gate.run(() => stack.bridge.processor.process(message)));
    const numbers: string[] = [];
    const submitted = Date.now();
    for (let start = 0; start < joiners; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, joiners - start) }, async (_, k) => {
          const i = start + k;
          const request = joiner(`bulk${i}`, 2_000_000 + i);
          numbers.push(request.requestNumber);
          const response = await stack.submit(request);
          if (response.status !== 202) throw new Error(`joiner ${i} got ${response.status}: ${JSON.stringify(response.body)}`);
        }),
      );
    }
    const acceptedMs = Date.now() - submitted;
    const released = Date.now();
    gate.release();
    await stack.settle();
    const threads = (await Promise.all(numbers.map((n) => stack.bridge.store.findByRequestNumber(n)))).map((found, i) => {
      if (found.length !== 1) throw new Error(`request ${numbers[i]} has ${found.length} thread records, expected exactly 1`);
      return found[0] as ThreadRecord;
    });
    const lastConfirmed = Math.max(
      ...threads.map((t) => Date.parse(t.history.find((h) => h.state === 'confirmed' || h.state === 'dead-lettered')?.at ?? t.updatedAt)),
    );
    const calls = threads.flatMap((t) => t.calls);
    const lastOktaCall = Math.max(...calls.map((c) => Date.parse(c.at) + c.durationMs));
    const byState = countBy(threads.map((t) => t.state));
    const rateLimited = calls.filter((c) => c.status === 429).length;
    const serverErrors = calls.filter((c) => c.status >= 500).length;
    const users = stack.okta.listUsers().filter((u) => String((u.profile as Record<string, string>).login).startsWith('bulk'));
    const activeUsers = users.filter((u) => u.status === 'ACTIVE' || u.status === 'PROVISIONED').length;
    const idealMs = (joiners / BOTTLENECK_LIMIT) * WINDOW_MS;
    // The pacer keeps ceil(limit x reserve) of every window unused (RateLimitPacer.delayBeforeSend).
    const usable = BOTTLENECK_LIMIT - Math.ceil(BOTTLENECK_LIMIT * reserve);
    const windows = joiners / usable;
    const paddingMs = Math.round(1000 / TIME_SCALE);
    const reachableMs = windows * WINDOW_MS + (Math.ceil(windows) - 1) * (HEADER_RESOLUTION_MS + paddingMs);
    const completionMs = lastConfirmed - released;
    const terminal = (byState.confirmed ?? 0) + (byState['dead-lettered'] ?? 0);
    if (terminal !== joiners || threads.length !== joiners) {
      throw new Error(`only ${terminal} of ${joiners} threads are terminal: ${JSON.stringify(byState)}`);
    }
    return {
      row: {
        reserve: reserve === 0 ? 'none (measures pacing)' : `${reserve * 100} %`,
        joiners,
        'accepted in s': round(acceptedMs / 1000),
        'ideal s': round(idealMs / 1000),
        'Okta phase s': round((lastOktaCall - released) / 1000),
        'to last confirmed s': round(completionMs / 1000),
        'vs ideal': `${round((completionMs / idealMs - 1) * 100)} %`,
        'reachable s': round(reachableMs / 1000),
        'vs reachable': `${round((completionMs / reachableMs - 1) * 100)} %`,
        '429s': rateLimited,
        '5xx': serverErrors,
        confirmed: byState.confirmed ?? 0,
        'dead-lettered': byState['dead-lettered'] ?? 0,
        'active in Okta': activeUsers,
      },
      detail: {
        reserve,
        acceptedMs,
        idealMs,
        reachableMs,
        completionMs,
        oktaPhaseMs: lastOktaCall - released,
        byState,
        rateLimited,
        serverErrors,
        oktaCalls: calls.length,
        usersInOkta: users.length,
        activeUsers,
        callsByPath: countBy(calls.map((c) => `${c.method} ${c.path.replace(/00u\w+|00g\w+/g, '{id}').replace(/\/users\/[^/]*%40[^/]*/, '/users/{login}')}`)),
      },
    };
  } finally {
    await stack.close();
  }
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
