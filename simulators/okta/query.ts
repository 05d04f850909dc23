import { invalidSearch } from './errors';

/**
 * Parser and evaluator for Okta's SCIM-like `filter` / `search` expressions:
 * `profile.login eq "a@b.c" and (status eq "ACTIVE" or status eq "PROVISIONED")`.
 */

export type Operator = 'eq' | 'ne' | 'sw' | 'co' | 'gt' | 'ge' | 'lt' | 'le' | 'pr';

export type Expression =
  | { readonly kind: 'and' | 'or'; readonly left: Expression; readonly right: Expression }
  | { readonly kind: 'cmp'; readonly attribute: string; readonly op: Operator; readonly value: unknown };

const OPERATORS = new Set<string>(['eq', 'ne', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr']);

type Token = { type: 'word' | 'string' | 'lparen' | 'rparen'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'lparen' : 'rparen', text: c });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < input.length) {
          i++;
        }
        text += input[i];
        i++;
      }
      if (i >= input.length) {
        throw invalidSearch(`unterminated string in expression: ${input}`);
      }
      i++;
      tokens.push({ type: 'string', text });
    } else {
      let text = '';
      while (i < input.length && !/[\s()"]/.test(input[i])) {
        text += input[i];
        i++;
      }
      tokens.push({ type: 'word', text });
    }
  }
  return tokens;
}

/** Parses an expression; throws 400 E0000031 naming the problem for anything it cannot read. */
export function parseExpression(input: string): Expression {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token => {
    const t = tokens[pos++];
    if (!t) {
      throw invalidSearch(`expression ended early: ${input}`);
    }
    return t;
  };
  const keyword = (word: string): boolean => {
    const t = peek();
    return t !== undefined && t.type === 'word' && t.text.toLowerCase() === word;
  };

  function parseOr(): Expression {
    let left = parseAnd();
    while (keyword('or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): Expression {
    let left = parseUnary();
    while (keyword('and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  }
  function parseUnary(): Expression {
    const t = next();
    if (t.type === 'lparen') {
      const inner = parseOr();
      if (next().type !== 'rparen') {
        throw invalidSearch(`missing ")" in expression: ${input}`);
      }
      return inner;
    }
    if (t.type !== 'word') {
      throw invalidSearch(`expected an attribute name but found "${t.text}" in: ${input}`);
    }
    const opToken = next();
    const op = opToken.text.toLowerCase();
    if (opToken.type !== 'word' || !OPERATORS.has(op)) {
      throw invalidSearch(`unknown operator "${opToken.text}" in: ${input}; use eq, sw, co, gt, ge, lt, le or pr`);
    }
    if (op === 'pr') {
      return { kind: 'cmp', attribute: t.text, op: 'pr', value: undefined };
    }
    const v = next();
    return { kind: 'cmp', attribute: t.text, op: op as Operator, value: literal(v, input) };
  }

  const expr = parseOr();
  if (pos !== tokens.length) {
    throw invalidSearch(`unexpected "${tokens[pos].text}" in: ${input}`);
  }
  return expr;
}

function literal(t: Token, input: string): unknown {
  if (t.type === 'string') {
    return t.text;
  }
  if (t.type !== 'word') {
    throw invalidSearch(`expected a value but found "${t.text}" in: ${input}`);
  }
  if (t.text === 'true' || t.text === 'false') {
    return t.text === 'true';
  }
  if (t.text === 'null') {
    return null;
  }
  if (/^-?\d+(\.\d+)?$/.test(t.text)) {
    return Number(t.text);
  }
  throw invalidSearch(`value ${t.text} must be quoted in: ${input}`);
}

/** Every comparison in an expression, so callers can reject attributes or operators they do not support. */
export function comparisons(expr: Expression): Array<Extract<Expression, { kind: 'cmp' }>> {
  return expr.kind === 'cmp' ? [expr] : [...comparisons(expr.left), ...comparisons(expr.right)];
}

/**
 * Evaluates an expression. `resolve` returns the candidate values of an attribute for the object under test
 * (several when the path crosses an array, e.g. `target.id`); a comparison holds if any candidate matches.
 */
export function evaluate(expr: Expression, resolve: (attribute: string) => unknown[], caseInsensitive: boolean): boolean {
  if (expr.kind !== 'cmp') {
    const left = evaluate(expr.left, resolve, caseInsensitive);
    return expr.kind === 'and' ? left && evaluate(expr.right, resolve, caseInsensitive) : left || evaluate(expr.right, resolve, caseInsensitive);
  }
  const candidates = resolve(expr.attribute);
  return candidates.some((actual) => compare(actual, expr.op, expr.value, caseInsensitive));
}

function compare(actual: unknown, op: Operator, expected: unknown, caseInsensitive: boolean): boolean {
  if (op === 'pr') {
    return actual !== undefined && actual !== null && actual !== '';
  }
  const norm = (v: unknown): unknown => (caseInsensitive && typeof v === 'string' ? v.toLowerCase() : v);
  const a = norm(actual);
  const e = norm(expected);
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'sw':
      return typeof a === 'string' && typeof e === 'string' && a.startsWith(e);
    case 'co':
      return typeof a === 'string' && typeof e === 'string' && a.includes(e);
    case 'gt':
      return (a as string | number) > (e as string | number);
    case 'ge':
      return (a as string | number) >= (e as string | number);
    case 'lt':
      return (a as string | number) < (e as string | number);
    case 'le':
      return (a as string | number) <= (e as string | number);
  }
}

/** Resolves a dotted path on a plain object, fanning out across arrays. */
export function resolvePath(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const key of path.split('.')) {
    const nextValues: unknown[] = [];
    for (const value of current) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item !== null && typeof item === 'object' && key in item) {
          nextValues.push((item as Record<string, unknown>)[key]);
        }
      }
    }
    current = nextValues;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}
