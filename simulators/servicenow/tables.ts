import { randomBytes } from 'node:crypto';
import { CATALOG_TABLES } from './catalog-tables';

/** Column definitions of the simulated tables: which exist, which are references, which are journals. */
export interface TableSchema {
  readonly name: string;
  readonly columns: ReadonlySet<string>;
  /** Reference columns and the table they point at (rendered as `{link, value}`). */
  readonly references: Readonly<Record<string, string>>;
  /** Journal columns: writes append a `sys_journal_field` row, reads answer "" (docs/reference/servicenow-api.md §5.4). */
  readonly journals: ReadonlySet<string>;
}

const SYSTEM_COLUMNS = ['sys_id', 'sys_created_on', 'sys_created_by', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count', 'sys_class_name'];

/** `sc_req_item` with the fields of docs/reference/servicenow-api.md §5.4 plus the usual task fields. */
export const SC_REQ_ITEM: TableSchema = {
  name: 'sc_req_item',
  columns: new Set([
    ...SYSTEM_COLUMNS,
    'number',
    'request',
    'cat_item',
    'requested_for',
    'opened_by',
    'opened_at',
    'state',
    'stage',
    'approval',
    'assignment_group',
    'assigned_to',
    'short_description',
    'description',
    'work_notes',
    'comments',
    'active',
    'closed_at',
    'quantity',
    'priority',
    'correlation_id',
  ]),
  references: {
    request: 'sc_request',
    cat_item: 'sc_cat_item',
    requested_for: 'sys_user',
    opened_by: 'sys_user',
    assignment_group: 'sys_user_group',
    assigned_to: 'sys_user',
  },
  journals: new Set(['work_notes', 'comments']),
};

/** Journal entries, one row per work note or comment. */
export const SYS_JOURNAL_FIELD: TableSchema = {
  name: 'sys_journal_field',
  columns: new Set([...SYSTEM_COLUMNS, 'element_id', 'element', 'name', 'value']),
  references: {},
  journals: new Set(),
};

export type SnRecord = Record<string, string>;

/** Task states ServiceNow treats as closed: Closed Complete, Closed Incomplete, Closed Skipped (docs/reference/servicenow-api.md §5.4). */
export const CLOSED_STATES: ReadonlySet<string> = new Set(['3', '4', '7']);

/** A 32-hex GUID, like every sys_id. */
export function sysId(): string {
  return randomBytes(16).toString('hex');
}

/** ServiceNow's `YYYY-MM-DD HH:mm:ss` in UTC, as the Table API returns with `sysparm_display_value=false`. */
export function glideDateTime(date = new Date()): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** The instance's rows, per table. */
export class TableStore {
  readonly schemas = new Map<string, TableSchema>([
    [SC_REQ_ITEM.name, SC_REQ_ITEM],
    [SYS_JOURNAL_FIELD.name, SYS_JOURNAL_FIELD],
    ...CATALOG_TABLES.map((schema) => [schema.name, schema] as const),
  ]);
  private readonly rows = new Map<string, SnRecord[]>();
  private ritmCounter = 10000;

  schema(table: string): TableSchema | undefined {
    return this.schemas.get(table);
  }

  all(table: string): SnRecord[] {
    let rows = this.rows.get(table);
    if (!rows) {
      rows = [];
      this.rows.set(table, rows);
    }
    return rows;
  }

  get(table: string, id: string): SnRecord | undefined {
    return this.all(table).find((r) => r.sys_id === id);
  }

  nextRitmNumber(): string {
    this.ritmCounter += 1;
    return `RITM${String(this.ritmCounter).padStart(7, '0')}`;
  }

  insert(table: string, record: SnRecord): SnRecord {
    this.all(table).push(record);
    return record;
  }
}
