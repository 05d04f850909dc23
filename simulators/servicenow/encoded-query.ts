import type { SnRecord, TableSchema } from './tables';

/**
 * ServiceNow encoded queries (`sysparm_query`): conditions joined by `^` (and) and `^OR` (or, binding tighter),
 * `^NQ` (new query, an outer or), plus `ORDERBY<field>` / `ORDERBYDESC<field>`. Operators: `=`, `!=`,
 * `STARTSWITH`, `ENDSWITH`, `LIKE`, `NOT LIKE`, `IN`, `NOT IN`, `ISEMPTY`, `ISNOTEMPTY`.
 */

type Condition = (record: SnRecord) => boolean;

export interface CompiledQuery {
  readonly matches: (record: SnRecord) => boolean;
  readonly orderBy: ReadonlyArray<{ field: string; descending: boolean }>;
}

const OPERATORS = ['ISNOTEMPTY', 'ISEMPTY', 'STARTSWITH', 'ENDSWITH', 'NOT LIKE', 'LIKE', 'NOT IN', 'IN', '!=', '='];

function compileCondition(term: string, schema: TableSchema, invalidReturnsNoRows: boolean): Condition | undefined {
  const fieldMatch = /^([a-z0-9_]+)/i.exec(term);
  if (!fieldMatch) {
    return invalidReturnsNoRows ? () => false : undefined;
  }
  const field = fieldMatch[1];
  const rest = term.slice(field.length);
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (!op || !schema.columns.has(field)) {
    // Instances ignore conditions they cannot evaluate (so every row matches) unless configured otherwise.
    return invalidReturnsNoRows ? () => false : undefined;
  }
  const value = rest.slice(op.length);
  const get = (r: SnRecord): string => r[field] ?? '';
  switch (op) {
    case '=':
      return (r) => get(r) === value;
    case '!=':
      return (r) => get(r) !== value;
    case 'STARTSWITH':
      return (r) => get(r).toLowerCase().startsWith(value.toLowerCase());
    case 'ENDSWITH':
      return (r) => get(r).toLowerCase().endsWith(value.toLowerCase());
    case 'LIKE':
      return (r) => get(r).toLowerCase().includes(value.toLowerCase());
    case 'NOT LIKE':
      return (r) => !get(r).toLowerCase().includes(value.toLowerCase());
    case 'IN':
      return (r) => value.split(',').includes(get(r));
    case 'NOT IN':
      return (r) => !value.split(',').includes(get(r));
    case 'ISEMPTY':
      return (r) => get(r) === '';
    default:
      return (r) => get(r) !== '';
  }
}

export function compileQuery(query: string, schema: TableSchema, invalidReturnsNoRows: boolean): CompiledQuery {
  const orderBy: Array<{ field: string; descending: boolean }> = [];
  const groups = query.split('^NQ').map((part) => {
    const ands: Condition[] = [];
    for (const andTerm of part.split(/\^(?!OR(?!DERBY))/)) {
      if (andTerm === '') {
        continue;
      }
      if (andTerm.startsWith('ORDERBYDESC')) {
        orderBy.push({ field: andTerm.slice('ORDERBYDESC'.length), descending: true });
        continue;
      }
      if (andTerm.startsWith('ORDERBY')) {
        orderBy.push({ field: andTerm.slice('ORDERBY'.length), descending: false });
        continue;
      }
      const ors = andTerm
        .split(/\^OR(?!DERBY)/)
        .map((t) => compileCondition(t, schema, invalidReturnsNoRows))
        .filter((c): c is Condition => c !== undefined);
      if (ors.length > 0) {
        ands.push((r) => ors.some((c) => c(r)));
      }
    }
    return ands;
  });
  return {
    matches: (record) => groups.some((ands) => ands.every((c) => c(record))),
    orderBy,
  };
}
