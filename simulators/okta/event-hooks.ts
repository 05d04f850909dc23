import { uuid } from './ids';
import type { LogEvent, OperationContext } from './model';
import type { SystemLog } from './system-log';

/**
 * Okta event hooks (docs/reference/okta-event-hooks.md §4): one-time verification GET with `x-okta-verification-challenge`, then batched
 * POST deliveries of System Log events with a static auth header, one retry on timeout or 5xx and none on 4xx.
 * Unlike Okta, plain http:// URLs are accepted so tests can use a loopback receiver.
 */

/** Event types Okta lets event hooks subscribe to, of those the simulator emits (docs/reference/okta-event-hooks.md §4.5). */
export const EVENT_HOOK_ELIGIBLE_TYPES: readonly string[] = [
  'user.lifecycle.create',
  'user.lifecycle.activate',
  'user.lifecycle.deactivate',
  'user.lifecycle.suspend',
  'user.lifecycle.unsuspend',
  'user.lifecycle.reactivate',
  'user.lifecycle.delete.initiated',
  'user.account.update_profile',
  'group.user_membership.add',
  'group.user_membership.remove',
];

/** Largest number of events per delivery; Okta does not document its batch size (assumed). */
const MAX_BATCH = 50;

export interface EventHookRegistration {
  readonly url: string;
  /** Sent on every request, e.g. `{ key: 'Authorization', value: 'Bearer s3cret' }` (Okta's `authScheme` HEADER). */
  readonly authHeader?: { readonly key: string; readonly value: string };
  /** Extra static headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Subscribed event types; each must be event-hook eligible. @default - every eligible type */
  readonly events?: readonly string[];
  /** @default 'Simulated event hook' */
  readonly name?: string;
}

/** One delivery attempt, as tests can inspect it. */
export interface EventHookDelivery {
  readonly hookId: string;
  readonly eventId: string;
  readonly attempt: 1 | 2;
  readonly eventUuids: readonly string[];
  readonly status?: number;
  readonly error?: string;
}

export interface EventHookTiming {
  readonly batchDelayMs: number;
  readonly timeoutMs: number;
  readonly retryDelayMs: number;
}

interface ActiveHook {
  readonly id: string;
  readonly registration: EventHookRegistration;
  readonly events: ReadonlySet<string>;
  pending: LogEvent[];
  timer: NodeJS.Timeout | undefined;
}

const SYSTEM_CONTEXT: OperationContext = {
  actor: { id: '0oaOktaSystemPrincipal', type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' },
  requestId: 'event-hook-dispatcher',
  requestUri: '',
};

export class EventHookDispatcher {
  private readonly hooks: ActiveHook[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly attempts: EventHookDelivery[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly log: SystemLog,
    private readonly timing: EventHookTiming,
    private readonly orgUrl: () => string,
  ) {
    this.unsubscribe = log.subscribe((event) => this.onEvent(event));
  }

  /**
   * Verifies the endpoint (GET with a challenge it must echo as `{"verification": ...}`) and activates the hook.
   * Rejects, leaving the hook inactive, if the endpoint does not echo the challenge.
   */
  async register(registration: EventHookRegistration): Promise<string> {
    const unknown = (registration.events ?? []).filter((t) => !EVENT_HOOK_ELIGIBLE_TYPES.includes(t));
    if (unknown.length > 0) {
      throw new Error(
        `event hook events ${unknown.join(', ')} are not event-hook eligible in the simulator; use some of ${EVENT_HOOK_ELIGIBLE_TYPES.join(', ')}`,
      );
    }
    const challenge = uuid().replace(/-/g, '');
    let response: Response;
    try {
      response = await fetch(registration.url, {
        method: 'GET',
        headers: { ...this.baseHeaders(registration), 'x-okta-verification-challenge': challenge },
        signal: AbortSignal.timeout(this.timing.timeoutMs),
      });
    } catch (err) {
      throw new Error(`event hook verification of ${registration.url} failed: ${(err as Error).message}`);
    }
    const text = await response.text();
    let echoed: unknown;
    try {
      echoed = (JSON.parse(text) as { verification?: unknown }).verification;
    } catch {
      echoed = undefined;
    }
    if (!response.ok || echoed !== challenge) {
      throw new Error(
        `event hook verification of ${registration.url} failed: expected status 200 and {"verification":"<x-okta-verification-challenge>"}, got ${response.status}`,
      );
    }
    const id = `who${uuid().replace(/-/g, '').slice(0, 17)}`;
    this.hooks.push({
      id,
      registration,
      events: new Set(registration.events ?? EVENT_HOOK_ELIGIBLE_TYPES),
      pending: [],
      timer: undefined,
    });
    return id;
  }

  /** Every delivery attempt so far, oldest first. */
  deliveries(): readonly EventHookDelivery[] {
    return this.attempts;
  }

  /** Sends every pending batch now and waits until no delivery (or retry) is in flight. */
  async flush(): Promise<void> {
    for (;;) {
      for (const hook of this.hooks) {
        this.sendPending(hook);
      }
      if (this.inFlight.size === 0) {
        return;
      }
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Stops listening and waits for in-flight deliveries. */
  async close(): Promise<void> {
    this.unsubscribe();
    for (const hook of this.hooks) {
      clearTimeout(hook.timer);
      hook.pending = [];
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private onEvent(event: LogEvent): void {
    for (const hook of this.hooks) {
      if (!hook.events.has(event.eventType)) {
        continue;
      }
      hook.pending.push(event);
      if (hook.pending.length >= MAX_BATCH) {
        this.sendPending(hook);
      } else if (hook.timer === undefined) {
        hook.timer = setTimeout(() => this.sendPending(hook), this.timing.batchDelayMs);
      }
    }
  }

  private sendPending(hook: ActiveHook): void {
    clearTimeout(hook.timer);
    hook.timer = undefined;
    while (hook.pending.length > 0) {
      const batch = hook.pending.splice(0, MAX_BATCH);
      const delivery = this.deliver(hook, batch).finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  private async deliver(hook: ActiveHook, events: LogEvent[]): Promise<void> {
    const eventId = uuid();
    const body = JSON.stringify({
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      source: `${this.orgUrl()}/api/v1/eventHooks/${hook.id}`,
      eventId,
      eventTime: new Date().toISOString(),
      contentType: 'application/json',
      data: { events },
    });
    const uuids = events.map((e) => e.uuid);
    let outcome: { status?: number; error?: string } = {};
    for (const attempt of [1, 2] as const) {
      outcome = await this.post(hook, body);
      this.attempts.push({ hookId: hook.id, eventId, attempt, eventUuids: uuids, ...outcome });
      const retryable = outcome.error !== undefined || (outcome.status !== undefined && outcome.status >= 500);
      if (!retryable || attempt === 2) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, this.timing.retryDelayMs));
    }
    const delivered = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
    if (!delivered) {
      this.log.append(SYSTEM_CONTEXT, 'event_hook.delivery', `Event hook delivery failed for ${hook.registration.url}`, [], {
        result: 'FAILURE',
        reason: outcome.error ?? `HTTP ${String(outcome.status)}`,
      });
    }
  }

  private async post(hook: ActiveHook, body: string): Promise<{ status?: number; error?: string }> {
    try {
      const response = await fetch(hook.registration.url, {
        method: 'POST',
        headers: this.baseHeaders(hook.registration),
        body,
        signal: AbortSignal.timeout(this.timing.timeoutMs),
      });
      await response.arrayBuffer();
      return { status: response.status };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  private baseHeaders(registration: EventHookRegistration): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      ...(registration.headers ?? {}),
    };
    if (registration.authHeader) {
      headers[registration.authHeader.key] = registration.authHeader.value;
    }
    return headers;
  }
}
