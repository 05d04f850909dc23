import { ExecutionJournal } from '../ports/lifecycle-executor';

interface UndoEntry {
  readonly step: string;
  readonly undo: () => Promise<void>;
}

/**
 * Runs the steps of one request and remembers how to undo each change it made.
 *
 * A step that changed Okta pushes its inverse; after a permanent failure part-way, {@link compensate} runs the
 * inverses newest first, so the request never stays half-applied. Transient failures are not compensated: the
 * steps are state-based, so a replay resumes where the first attempt stopped.
 */
export class StepRun {
  private readonly undoStack: UndoEntry[] = [];

  constructor(private readonly journal: ExecutionJournal) {}

  done(step: string, detail: string, undo?: () => Promise<void>): void {
    this.journal.recordStep({ step, outcome: 'done', detail });
    if (undo) {
      this.undoStack.push({ step, undo });
    }
  }

  skipped(step: string, detail: string): void {
    this.journal.recordStep({ step, outcome: 'skipped', detail });
  }

  failed(step: string, detail: string): void {
    this.journal.recordStep({ step, outcome: 'failed', detail });
  }

  /** True when this run changed anything in Okta. */
  get changed(): boolean {
    return this.undoStack.length > 0;
  }

  /** Undoes every recorded change, newest first; returns false when any inverse failed (recorded for an operator). */
  async compensate(): Promise<boolean> {
    let allUndone = true;
    while (this.undoStack.length > 0) {
      const entry = this.undoStack.pop() as UndoEntry;
      try {
        await entry.undo();
        this.journal.recordStep({ step: `undo ${entry.step}`, outcome: 'compensated', detail: `reverted '${entry.step}'` });
      } catch (error) {
        allUndone = false;
        this.journal.recordStep({
          step: `undo ${entry.step}`,
          outcome: 'failed',
          detail: `could not revert '${entry.step}': ${errorMessage(error)}; revert it by hand in the Okta Admin Console`,
        });
      }
    }
    return allUndone;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
