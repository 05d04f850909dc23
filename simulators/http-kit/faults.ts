/**
 * Runtime fault injection shared by both simulators: tests describe what should go wrong for which requests,
 * and the server consults the injector before handling each request.
 */

import type { IncomingMessage } from 'node:http';

/** Which requests a fault applies to. */
export interface FaultTarget {
  /** A path prefix (string) or a regular expression tested against the path without query. @default - every path */
  readonly path?: string | RegExp;
  /** Only this HTTP method. @default - every method */
  readonly method?: string;
  /** How many matching requests are affected; `Infinity` keeps the fault until `clear()`. @default 1 */
  readonly times?: number;
}

/** Answer with this status instead of handling the request (500/502/503/504, or anything else). */
export interface StatusFault extends FaultTarget {
  readonly kind: 'status';
  readonly status: number;
}

/** Wait this long before handling the request normally; longer than the client's timeout simulates a timeout. */
export interface DelayFault extends FaultTarget {
  readonly kind: 'delay';
  readonly delayMs: number;
}

/**
 * Hold the request unanswered until `release()` (or `clear()`), then handle it normally: a call that does not answer
 * for as long as the test needs, so that what the test proves does not depend on how fast the machine is.
 */
export interface HoldFault extends FaultTarget {
  readonly kind: 'hold';
}

/** Destroy the TCP connection without answering (the client sees ECONNRESET / "socket hang up"). */
export interface ResetFault extends FaultTarget {
  readonly kind: 'reset';
}

/** Answer 429 with the simulator's rate-limit headers, as during a rate-limit storm. */
export interface RateLimitFault extends FaultTarget {
  readonly kind: 'rate-limit';
  /** Seconds until the advertised `X-Rate-Limit-Reset`. @default 1 */
  readonly resetInSeconds?: number;
}

export type Fault = StatusFault | DelayFault | HoldFault | ResetFault | RateLimitFault;

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
}

export class FaultInjector {
  private active: ActiveFault[] = [];
  /** Requests held by a `hold` fault, each by the function that lets it go on. */
  private readonly held = new Set<() => void>();
  /** Requests waiting in a `delay` or `hold` fault right now. */
  private waiting = 0;
  private readonly idleWaiters: (() => void)[] = [];

  /** Adds a fault; faults are consulted in the order they were added and the first match is used. */
  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) {
      throw new Error(`fault.times must be a positive number or Infinity, but ${String(fault.times)} was provided`);
    }
    if (fault.kind === 'delay' && !(fault.delayMs >= 0)) {
      throw new Error(`fault.delayMs must be >= 0, but ${String(fault.delayMs)} was provided`);
    }
    this.active.push({ fault, remaining: times });
  }

  /** Removes every fault and lets every held request go on. */
  clear(): void {
    this.active = [];
    this.release();
  }

  /** Lets every request a `hold` fault holds go on, to be handled normally. */
  release(): void {
    for (const letGo of this.held) letGo();
    this.held.clear();
  }

  /** Requests a `hold` fault holds right now. */
  heldCount(): number {
    return this.held.size;
  }

  /**
   * Resolves once no request waits in a `delay` or `hold` fault (each has gone on to be handled): a test waits for
   * this rather than for a time it guesses is long enough.
   */
  idle(): Promise<void> {
    return this.waiting === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Number of fault applications left (Infinity if any fault is permanent). */
  pending(): number {
    return this.active.reduce((sum, a) => sum + a.remaining, 0);
  }

  /** Consumes and returns the first fault matching the request, if any. */
  take(method: string, path: string): Fault | undefined {
    const index = this.active.findIndex((a) => matches(a.fault, method, path));
    if (index < 0) {
      return undefined;
    }
    const entry = this.active[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.active.splice(index, 1);
    }
    return entry.fault;
  }

  /**
   * Applies the transport side of `fault`, the same in every simulator: a reset destroys the socket (the caller must
   * stop, hence `true`), a delay or a hold keeps the answer back. Status and rate-limit faults are answered by the
   * simulator itself.
   */
  async applyTransport(fault: Fault | undefined, req: IncomingMessage): Promise<boolean> {
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return true;
    }
    if (fault?.kind !== 'delay' && fault?.kind !== 'hold') return false;
    this.waiting += 1;
    try {
      if (fault.kind === 'delay') await sleep(fault.delayMs);
      else await new Promise<void>((letGo) => this.held.add(letGo));
    } finally {
      this.waiting -= 1;
      if (this.waiting === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
    return false;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) {
    return false;
  }
  if (fault.path === undefined) {
    return true;
  }
  return typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
