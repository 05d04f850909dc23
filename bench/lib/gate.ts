/**
 * Holds work until opened, then lets at most `limit` items run at once: models the worker fleet (Lambda reserved
 * concurrency) in front of the local bridge's in-process queue, which would otherwise start every user's chain at once.
 */
export class WorkerGate {
  private open = false;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Starts letting work through. */
  release(): void {
    this.open = true;
    this.pump();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.pump();
    }
  }

  private pump(): void {
    while (this.open && this.running < this.limit && this.waiting.length > 0) {
      this.running += 1;
      this.waiting.shift()?.();
    }
  }
}
