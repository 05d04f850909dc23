import { FaultInjector } from '../http-kit/faults';
import { listen } from '../http-kit/listen';
import { ServiceNowAuth } from './auth';
import type { ServiceNowSimulatorOptions } from './options';
import { createServiceNowServer, type ServiceNowRequestRecord } from './server';
import { glideDateTime, sysId, TableStore, type SnRecord } from './tables';

/** A journal entry (work note or comment) on a record. */
export interface JournalEntry {
  readonly element: string;
  readonly value: string;
  readonly createdBy: string;
  readonly createdOn: string;
}

/** A running ServiceNow simulator and its test-only controls (JS methods, not HTTP routes). */
export interface ServiceNowSimulator {
  /** Instance base URL (`http://127.0.0.1:<port>`). */
  readonly url: string;
  readonly faults: FaultInjector;
  /** Adds a requested item; `sys_id` and `number` are generated unless given. Returns the stored row. */
  seedRequestItem(fields?: Readonly<Record<string, string>>): Readonly<SnRecord>;
  /** A row by table and sys_id (journal fields read as ""), or undefined. */
  getRecord(table: string, sysId: string): Readonly<SnRecord> | undefined;
  /** A requested item by number (`RITM...`), or undefined. */
  findRequestItem(number: string): Readonly<SnRecord> | undefined;
  /** Journal entries of a record, oldest first, optionally of one element (`work_notes`, `comments`). */
  journal(sysId: string, element?: string): JournalEntry[];
  /** Every handled request (method, path, status, user, parsed body), oldest first. */
  requests(): readonly ServiceNowRequestRecord[];
  /** Invalidates issued OAuth access tokens. */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

/**
 * Starts a simulated ServiceNow instance (Table API on `sc_req_item` and `sys_journal_field`, Basic and OAuth
 * inbound auth) on 127.0.0.1.
 */
export async function startServiceNowSimulator(options: ServiceNowSimulatorOptions = {}): Promise<ServiceNowSimulator> {
  const store = new TableStore();
  seedTables(store, options.tables ?? {});
  const auth = new ServiceNowAuth(options);
  const faults = new FaultInjector();
  const requests: ServiceNowRequestRecord[] = [];
  let instanceUrl = '';
  const server = createServiceNowServer({ store, auth, faults, options, requests, instanceUrl: () => instanceUrl });
  const listening = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  instanceUrl = listening.url;

  return {
    url: instanceUrl,
    faults,
    seedRequestItem: (fields = {}) => {
      const now = glideDateTime();
      const record: SnRecord = {
        sys_id: sysId(),
        number: store.nextRitmNumber(),
        sys_created_on: now,
        sys_created_by: 'admin',
        sys_updated_on: now,
        sys_updated_by: 'admin',
        sys_mod_count: '0',
        sys_class_name: 'sc_req_item',
        opened_at: now,
        state: '1',
        stage: 'request_approved',
        approval: 'approved',
        active: 'true',
        quantity: '1',
        short_description: '',
        ...fields,
      };
      if (store.all('sc_req_item').some((r) => r.sys_id === record.sys_id || r.number === record.number)) {
        throw new Error(`a requested item with sys_id ${record.sys_id} or number ${record.number} already exists; seed unique ones`);
      }
      return store.insert('sc_req_item', record);
    },
    getRecord: (table, id) => store.get(table, id),
    findRequestItem: (number) => store.all('sc_req_item').find((r) => r.number === number),
    journal: (id, element) =>
      store
        .all('sys_journal_field')
        .filter((j) => j.element_id === id && (element === undefined || j.element === element))
        .map((j) => ({ element: j.element, value: j.value, createdBy: j.sys_created_by, createdOn: j.sys_created_on })),
    requests: () => requests,
    expireAccessTokens: () => auth.expireAccessTokens(),
    close: () => listening.close(),
  };
}

/** Inserts seeded configuration rows, refusing tables the simulator has no schema for. */
function seedTables(store: TableStore, tables: NonNullable<ServiceNowSimulatorOptions['tables']>): void {
  const now = glideDateTime();
  for (const [table, rows] of Object.entries(tables)) {
    if (!store.schema(table)) throw new Error(`options.tables.${table}: the simulator has no such table; see simulators/servicenow/catalog-tables.ts`);
    for (const row of rows) {
      store.insert(table, {
        sys_created_on: now,
        sys_created_by: 'admin',
        sys_updated_on: now,
        sys_updated_by: 'admin',
        sys_mod_count: '0',
        sys_class_name: table,
        ...row,
        sys_id: row.sys_id ?? sysId(),
      });
    }
  }
}
