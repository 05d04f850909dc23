import type { RequestStore } from '../../../src/ports/request-store';
import type { ThreadRecord } from '../../../src/domain/thread';

/** The counts every reliability run ends with; `lost` must be 0. */
export interface Tally {
  readonly sent: number;
  readonly accepted: number;
  readonly confirmed: number;
  readonly deadLettered: number;
  /** Accepted (202) requests without a thread record, or whose record is not in a terminal state. */
  readonly lost: number;
  /** Request numbers counted as lost, to say which. */
  readonly lostRequests: readonly string[];
}

const TERMINAL = new Set(['confirmed', 'dead-lettered']);

/**
 * Counts what a reliability run sent and what became of it: every delivery sent, every distinct request the intake
 * accepted (202), and the final state of each accepted request's thread in the store.
 */
export class Ledger {
  private sent = 0;
  private readonly accepted = new Set<string>();

  /** Records one delivery and the intake's answer. */
  record(requestNumber: string, status: number): void {
    this.sent += 1;
    if (status === 202) {
      this.accepted.add(requestNumber);
    }
  }

  /** Reads the thread of every accepted request and counts terminal states. */
  async tally(store: RequestStore): Promise<Tally> {
    let confirmed = 0;
    let deadLettered = 0;
    const lostRequests: string[] = [];
    for (const requestNumber of this.accepted) {
      const threads: ThreadRecord[] = await store.findByRequestNumber(requestNumber);
      if (threads.length === 0 || !threads.every((t) => TERMINAL.has(t.state))) {
        lostRequests.push(`${requestNumber} (${threads.map((t) => t.state).join(', ') || 'no record'})`);
        continue;
      }
      confirmed += threads.filter((t) => t.state === 'confirmed').length;
      deadLettered += threads.filter((t) => t.state === 'dead-lettered').length;
    }
    return { sent: this.sent, accepted: this.accepted.size, confirmed, deadLettered, lost: lostRequests.length, lostRequests };
  }
}

/** The final line of a run, printed raw so it stands out in the test output. */
export function printTally(run: string, tally: Tally): void {
  process.stdout.write(
    `reliability ${run}: sent ${tally.sent}, accepted ${tally.accepted}, confirmed ${tally.confirmed}, dead-lettered ${tally.deadLettered}, lost ${tally.lost} (must be 0)\n`,
  );
}
