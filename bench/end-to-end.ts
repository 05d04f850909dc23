import { startLocalEnvironment } from '../bridge/dev/local/environment';
import { JmlRequest } from '../bridge/src/domain/jml-request';
import { joiner, leaver, mover, signedHeaders } from './lib/jml-requests';
import { BenchResult, Row } from './lib/report';
import { percentile, round } from './lib/stats';

const PEOPLE = 30;

interface Sample {
  readonly action: string;
  /** ms from the POST leaving to each milestone. */
  readonly accepted: number;
  readonly okta: number;
  readonly serviceNow: number;
  readonly confirmed: number;
  readonly closed: number;
}

/** Polls `check` every `everyMs` until it returns true; the elapsed ms since `since`. */
async function until(since: number, check: () => boolean | Promise<boolean>, what: string, everyMs = 2, timeoutMs = 15_000): Promise<number> {
  for (;;) {
    if (await check()) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * End to end on the local stack (bridge + worker + dynalite + Okta and ServiceNow simulators in this process): for
 * each of {@link PEOPLE} people a signed joiner, then a mover, then a leaver, one at a time, timing each milestone
 * from the moment the POST is sent: intake's 202, the Okta simulator showing the change, the first ServiceNow work
 * note, the thread confirmed by Okta's event hook, and the requested item closed.
 */
export async function run(args: readonly string[]): Promise<BenchResult> {
  const people = Number(args[args.indexOf('--people') + 1]) || PEOPLE;
  // Local mode seals every stored version (bridge/src/domain/evidence); --no-seal measures the bridge without it.
  const local = await startLocalEnvironment({ logLevel: 'silent', seal: !args.includes('--no-seal') });
  const accessGroups = local.managedGroups.filter((g) => g.includes('access'));
  const samples: Sample[] = [];
  let seq = 1_000_000;
  try {
    for (let p = 0; p < people; p += 1) {
      const person = `e2e${p}`;
      const steps: Array<{ request: JmlRequest; oktaShows: () => boolean }> = [
        {
          request: joiner(person, (seq += 1), accessGroups.slice(0, 1)),
          oktaShows: () => ['ACTIVE', 'PROVISIONED'].includes(String(local.okta.getUser(`${person}@example.com`)?.status)),
        },
        {
          request: mover(person, (seq += 1), 'Database Administrator', accessGroups.slice(1, 2)),
          oktaShows: () => (local.okta.getUser(`${person}@example.com`)?.profile as Record<string, string> | undefined)?.title === 'Database Administrator',
        },
        { request: leaver(person, (seq += 1)), oktaShows: () => local.okta.getUser(`${person}@example.com`)?.status === 'DEPROVISIONED' },
      ];
      for (const { request, oktaShows } of steps) {
        local.serviceNow.seedRequestItem({ sys_id: request.requestSysId, number: request.requestNumber });
        const body = JSON.stringify(request);
        const started = performance.now();
        const response = await fetch(`${local.bridge.url}/v1/jml`, { method: 'POST', headers: signedHeaders(local.webhookSecret, body), body });
        const accepted = performance.now() - started;
        if (response.status !== 202) throw new Error(`the ${request.action} of ${person} got ${response.status}: ${await response.text()}`);
        const okta = await until(started, oktaShows, `the ${request.action} of ${person} in Okta`);
        const serviceNow = await until(
          started,
          () => local.serviceNow.journal(request.requestSysId, 'work_notes').length > 0,
          `a work note on ${request.requestNumber}`,
        );
        const confirmed = await until(
          started,
          async () => (await local.bridge.store.findByRequestNumber(request.requestNumber))[0]?.state === 'confirmed',
          `${request.requestNumber} confirmed`,
          5,
        );
        const closed = await until(
          started,
          () => local.serviceNow.getRecord('sc_req_item', request.requestSysId)?.state === '3',
          `${request.requestNumber} closed complete`,
        );
        samples.push({ action: request.action, accepted, okta, serviceNow, confirmed, closed });
      }
    }
  } finally {
    await local.close();
  }
  const rows: Row[] = ['joiner', 'mover', 'leaver'].map((action) => {
    const of = samples.filter((s) => s.action === action);
    const cell = (pick: (s: Sample) => number) => `${round(percentile(of.map(pick), 50))} / ${round(percentile(of.map(pick), 99))}`;
    return {
      action,
      n: of.length,
      '202 p50/p99 ms': cell((s) => s.accepted),
      'Okta shows it p50/p99 ms': cell((s) => s.okta),
      'ServiceNow work note p50/p99 ms': cell((s) => s.serviceNow),
      'event hook confirmed p50/p99 ms': cell((s) => s.confirmed),
      'RITM closed p50/p99 ms': cell((s) => s.closed),
    };
  });
  return {
    method: `${people} people, each a signed joiner, mover and leaver sent one at a time to the local bridge (in-process worker, dynalite, simulators; event-hook batch delay 10 ms); milestones polled every 2-5 ms from the moment the POST is sent`,
    rows,
    details: { people, samples },
  };
}
