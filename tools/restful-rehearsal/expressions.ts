/**
 * The few Terraform expressions the OPA constructs synthesize, evaluated against a rehearsal's values: whole or
 * embedded `${<address>.output["key"]}`, `${var.<name>}`, `${ephemeral.<type>.<name>.<attr>.<key>}` and references
 * to other providers' resources that the caller resolves. Anything else is refused by name, so a construct that
 * starts writing a new expression cannot pass the rehearsal unnoticed.
 */

export type Resolver = (expression: string) => unknown;

const INTERPOLATION = /\$\{([^{}]+)\}/g;

/** Resolves every interpolation in `value` (strings, lists, maps); a string that is one whole interpolation keeps the value's type. */
export function resolveValue(value: unknown, resolve: Resolver): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([^{}]+)\}$/.exec(value);
    if (whole) return resolve((whole[1] as string).trim());
    return value.replace(INTERPOLATION, (_, expression: string) => String(resolve(expression.trim())));
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, resolve));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '//')
        .map(([key, child]) => [key, resolveValue(child, resolve)]),
    );
  }
  return value;
}

/** Reads `a.b["c"].d` from `root`. */
export function readPath(root: unknown, path: string): unknown {
  const parts = [...path.matchAll(/([A-Za-z0-9_-]+)|\["([^"]+)"\]/g)].map((m) => m[1] ?? m[2]);
  return parts.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined), root);
}

/**
 * restful's `$(path)` / `$(body.x.y)` templates (read_path, update_path, delete_path): `path` is the create path
 * and `body` the create response.
 */
export function restfulTemplate(template: string, path: string, body: unknown): string {
  return template.replace(/\$\(([^)]+)\)/g, (_, expression: string) => {
    if (expression === 'path') return path;
    if (expression.startsWith('body.')) {
      const value = readPath(body, expression.slice('body.'.length));
      if (value === undefined || value === null) throw new Error(`restful template ${template}: the response has no ${expression}`);
      return String(value);
    }
    throw new Error(`restful template ${template}: $(${expression}) is not supported by the rehearsal`);
  });
}

/**
 * The gjson queries the constructs use: `list.#(field=="value")` (first element of `list` whose field equals the
 * string) and a plain dotted path.
 */
export function gjson(document: unknown, selector: string): unknown {
  const query = /^([A-Za-z0-9_.]+)\.#\(([A-Za-z0-9_]+)=="((?:[^"\\]|\\.)*)"\)$/.exec(selector);
  if (!query) return readPath(document, selector);
  const list = readPath(document, query[1] as string);
  if (!Array.isArray(list)) return undefined;
  return list.find(
    (item) => item !== null && typeof item === 'object' && (item as Record<string, unknown>)[query[2] as string] === JSON.parse(`"${query[3]}"`),
  );
}
