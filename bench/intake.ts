import autocannon from 'autocannon';
import { startJsonChild } from './lib/child';
import { joiner, signedHeaders } from './lib/jml-requests';
import { BenchResult, Row } from './lib/report';

const CONCURRENCY = [1, 10, 50];
const DURATION_SECONDS = 8;

/**
 * Intake throughput: autocannon against the bridge's intake path (signature, schema, durable record in dynalite,
 * enqueue) running in its own process. Every request is a distinct joiner with its own webhook-id and a valid
 * signature, built by autocannon's `setupRequest` hook just before it is sent.
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const duration = Number(args[args.indexOf('--duration') + 1]) || DURATION_SECONDS;
  const server = await startJsonChild<{ url: string; secret: string }>('servers/intake-server.ts');
  const rows: Row[] = [];
  const raw: Record<string, unknown>[] = [];
  let sequence = 0;
  let accepted = 0;
  try {
    for (const connections of CONCURRENCY) {
      const result = await autocannon({
        url: server.ready.url,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            path: '/v1/jml',
            setupRequest: (request) => {
              sequence += 1;
              const body = JSON.stringify(joiner(`bench${sequence}`, sequence));
              return { ...request, body, headers: signedHeaders(server.ready.secret, body) };
            },
          },
        ],
      });
      accepted += result['2xx'];
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
        throw new Error(
          `intake at ${connections} connections answered ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; every signed joiner should get 202`,
        );
      }
      rows.push({
        connections,
        'requests/s (mean)': Math.round(result.requests.average),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'max ms': result.latency.max,
        requests: result.requests.total,
      });
      raw.push({ connections, requests: result.requests, latency: result.latency, non2xx: result.non2xx, errors: result.errors });
    }
    const { enqueued } = await server.ask<{ enqueued: number }>('count');
    // Requests still in flight when a level's time is up are answered (and enqueued) without being counted.
    if (enqueued < accepted || enqueued > sequence) {
      throw new Error(`the intake answered 202 to ${accepted} requests and ${sequence} were sent, but it enqueued ${enqueued}`);
    }
    return {
      method: `autocannon ${duration} s per level, signed unique joiners (setupRequest), intake in its own node process over dynalite; all answered 202 and were enqueued (${enqueued})`,
      rows,
      details: { durationSeconds: duration, levels: raw, enqueued },
    };
  } finally {
    await server.stop();
  }
}
