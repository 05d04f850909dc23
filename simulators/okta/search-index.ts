import type { UserRecord } from './model';

/**
 * What `GET /api/v1/users?search=` sees. Okta sources search results from "an eventually consistent datasource"
 * (docs/reference/okta-management-api.md §2.2); with a delay, changes reach this index only after `delayMs`, so a search right after a create
 * or update can miss or show stale data, while GET by id/login is always current.
 */
export class SearchIndex {
  private readonly snapshots = new Map<string, UserRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  update(user: UserRecord): void {
    const snapshot = structuredClone(user);
    this.apply(() => this.snapshots.set(snapshot.id, snapshot));
  }

  remove(userId: string): void {
    this.apply(() => this.snapshots.delete(userId));
  }

  /** Indexed users, in creation order. */
  all(): UserRecord[] {
    return [...this.snapshots.values()];
  }

  /** Drops pending index updates (on shutdown). */
  close(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }

  private apply(change: () => void): void {
    if (this.delayMs <= 0) {
      change();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      change();
    }, this.delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}
