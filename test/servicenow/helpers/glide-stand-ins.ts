import { createHash, createHmac } from 'node:crypto';
import * as vm from 'node:vm';

/**
 * Small stand-ins for the ServiceNow server APIs the signing script calls, so that the real script file runs
 * under Node's `vm`. Each behaves as the platform documents it for the calls the script makes, no more:
 * GlideRecord (addQuery / orderBy / query / next / get / getValue), gs.getProperty / gs.sleep, GlideDateTime's
 * epoch milliseconds, GlideDigest's SHA-256 hex, GlideCertificateEncryption.generateMac (base64 key in, base64
 * MAC out; docs/reference/servicenow-api.md §5.3) and sn_ws.RESTMessageV2.
 */

/** One delivery the script sent through the RESTMessageV2 stand-in. */
export interface SentRequest {
  readonly restMessage: string;
  readonly method: string;
  /** Header names lower-cased, as the bridge sees them; the method's declared headers first. */
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly timeoutMs?: number;
}

/** What the bridge answers to one delivery, or the exception the platform throws for a transport failure. */
export type BridgeAnswer = { readonly status: number; readonly body: unknown } | { readonly throws: string };

/** The instance's state the script reads, and what it did. */
export interface GlideWorld {
  tables: Record<string, Record<string, string>[]>;
  properties: Record<string, string>;
  nowMs: number;
  /** Headers the REST method declares (Terraform's servicenow_rest_method_header rows). */
  methodHeaders: Record<string, string>;
  /** Answers for successive deliveries; the last one repeats. */
  answers: BridgeAnswer[];
  readonly sent: SentRequest[];
  readonly sleeps: number[];
}

/** A catalog variable value: its stored value and, for a choice, the text the requester saw. */
export interface VariableValue {
  readonly value: string;
  readonly text?: string;
}

/** A requested item (sc_req_item) as `current` in a business rule: fields, variables, and what was written. */
export class RequestItemStandIn {
  public readonly variables: Record<string, { toString(): string; getDisplayValue(): string }> = {};
  public readonly written: Record<string, string>[] = [];
  private pending: Record<string, string> = {};

  constructor(
    private readonly fields: Record<string, string>,
    variables: Record<string, VariableValue>,
  ) {
    for (const [name, variable] of Object.entries(variables)) {
      this.variables[name] = { toString: () => variable.value, getDisplayValue: () => variable.text ?? variable.value };
    }
  }

  getValue(field: string): string | null {
    return this.fields[field] ?? null;
  }

  getUniqueValue(): string {
    return this.fields.sys_id;
  }

  setValue(field: string, value: string): void {
    this.pending[field] = value;
  }

  update(): string {
    this.written.push(this.pending);
    for (const [field, value] of Object.entries(this.pending)) {
      if (field !== 'work_notes') {
        this.fields[field] = value;
      }
    }
    this.pending = {};
    return this.fields.sys_id;
  }

  /** Every work note written, in order (a journal field appends). */
  get workNotes(): string[] {
    return this.written.map((update) => update.work_notes).filter((note): note is string => note !== undefined);
  }

  field(name: string): string | undefined {
    return this.fields[name];
  }
}

function glideRecordClass(world: GlideWorld) {
  return class GlideRecord {
    private readonly conditions: [string, string][] = [];
    private order?: string;
    private rows: Record<string, string>[] = [];
    private index = -1;

    constructor(private readonly table: string) {}

    addQuery(field: string, value: string): void {
      this.conditions.push([field, value]);
    }

    orderBy(field: string): void {
      this.order = field;
    }

    query(): void {
      const order = this.order;
      this.rows = (world.tables[this.table] ?? []).filter((row) => this.conditions.every(([field, value]) => row[field] === value));
      if (order) {
        this.rows.sort((a, b) => (a[order] ?? '').localeCompare(b[order] ?? ''));
      }
      this.index = -1;
    }

    next(): boolean {
      this.index += 1;
      return this.index < this.rows.length;
    }

    get(sysId: string): boolean {
      this.rows = (world.tables[this.table] ?? []).filter((row) => row.sys_id === sysId);
      this.index = 0;
      return this.rows.length > 0;
    }

    getValue(field: string): string | null {
      return this.rows[this.index]?.[field] ?? null;
    }
  };
}

function restMessageClass(world: GlideWorld) {
  return class RESTMessageV2 {
    private readonly headers: Record<string, string>;
    private body = '';
    private timeoutMs?: number;

    constructor(
      private readonly restMessage: string,
      private readonly method: string,
    ) {
      this.headers = Object.fromEntries(Object.entries(world.methodHeaders).map(([name, value]) => [name.toLowerCase(), value]));
    }

    setRequestHeader(name: string, value: string): void {
      this.headers[name.toLowerCase()] = value;
    }

    setRequestBody(body: string): void {
      this.body = body;
    }

    setHttpTimeout(ms: number): void {
      this.timeoutMs = ms;
    }

    execute() {
      world.sent.push({ restMessage: this.restMessage, method: this.method, headers: { ...this.headers }, body: this.body, timeoutMs: this.timeoutMs });
      const answer = world.answers.length > 1 ? world.answers.shift()! : world.answers[0];
      if (!answer) {
        throw new Error('the test gave the RESTMessageV2 stand-in no answer');
      }
      if ('throws' in answer) {
        throw new Error(answer.throws);
      }
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      return {
        getStatusCode: () => answer.status,
        getBody: () => text,
        haveError: () => answer.status >= 400,
        getErrorMessage: () => (answer.status >= 400 ? `Method failed: (/v1/jml) with code: ${answer.status}` : ''),
      };
    }
  };
}

/** A new world with an approver, an opener and the signing secret property set. */
export function newWorld(overrides: Partial<GlideWorld> = {}): GlideWorld {
  return {
    tables: {},
    properties: {},
    nowMs: Date.UTC(2026, 10, 29, 12, 0, 0),
    methodHeaders: {},
    answers: [],
    sent: [],
    sleeps: [],
    ...overrides,
  };
}

/** The globals of a server-side script: exactly the APIs the signing script uses. */
function contextFor(world: GlideWorld): vm.Context {
  return vm.createContext({
    Class: {
      create: () =>
        function (this: { initialize: (...args: unknown[]) => void }, ...args: unknown[]) {
          this.initialize(...args);
        },
    },
    gs: {
      getProperty: (name: string, fallback?: string) => world.properties[name] ?? fallback ?? null,
      // Time passes while the script sleeps, so a retry is signed with a later timestamp.
      sleep: (ms: number) => {
        world.sleeps.push(ms);
        world.nowMs += ms;
      },
    },
    GlideRecord: glideRecordClass(world),
    GlideDateTime: class {
      getNumericValue(): number {
        return world.nowMs;
      }
    },
    GlideDigest: class {
      getSHA256Hex(text: string): string {
        return createHash('sha256').update(text, 'utf8').digest('hex').toUpperCase();
      }
    },
    GlideCertificateEncryption: class {
      generateMac(keyBase64: string, algorithm: string, data: string): string {
        if (algorithm !== 'HmacSHA256') {
          throw new Error(`stand-in only implements HmacSHA256, got ${algorithm}`);
        }
        return createHmac('sha256', Buffer.from(keyBase64, 'base64')).update(data, 'utf8').digest('base64');
      }
    },
    sn_ws: { RESTMessageV2: restMessageClass(world) },
  });
}

/** The script include's class, with its static SETTINGS and VARIABLES. */
export interface JmlBridgeClientClass {
  new (settings?: unknown): { sendApproved(item: RequestItemStandIn): string | null; buildRequest(item: RequestItemStandIn): unknown };
  SETTINGS: Record<string, unknown>;
  VARIABLES: Record<string, string>;
}

/**
 * Runs the script include source in a fresh context and returns its class; `businessRule` (optional) is the
 * trigger's source, returned as a function that runs it with `current` bound to an item.
 */
export function loadScripts(
  world: GlideWorld,
  scriptInclude: string,
  businessRule?: string,
): { JmlBridgeClient: JmlBridgeClientClass; fire: (current: RequestItemStandIn) => void } {
  const context = contextFor(world);
  vm.runInContext(scriptInclude, context, { filename: 'JmlBridgeClient.js' });
  const fire = (current: RequestItemStandIn) => {
    if (!businessRule) {
      throw new Error('no business rule source was loaded');
    }
    context.current = current;
    vm.runInContext(businessRule, context, { filename: 'jml-bridge-on-approval.js' });
  };
  return { JmlBridgeClient: vm.runInContext('JmlBridgeClient', context) as JmlBridgeClientClass, fire };
}
