import { readPath } from './expressions';

/**
 * The lifecycle postconditions the OPA constructs write, evaluated on `self` (Terraform would evaluate them; the
 * rehearsal knows these four shapes and refuses any other, naming it).
 */
const SHAPES: readonly { readonly pattern: RegExp; readonly holds: (self: unknown, match: RegExpExecArray, now: number) => boolean }[] = [
  {
    pattern: /^\$\{timecmp\(self\.([a-z_.]+), timeadd\(timestamp\(\), "(\d+)([smh])"\)\) >= 0\}$/,
    holds: (self, m, now) => {
      const at = Date.parse(String(readPath(self, m[1] as string)));
      const ms = Number(m[2]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 's' | 'm' | 'h'];
      return Number.isFinite(at) && at >= now + ms;
    },
  },
  { pattern: /^\$\{lower\(self\.([a-z_.]+)\) == "([^"]*)"\}$/, holds: (self, m) => String(readPath(self, m[1] as string)).toLowerCase() === m[2] },
  { pattern: /^\$\{try\(self\.([a-z_.]+), null\) != null\}$/, holds: (self, m) => readPath(self, m[1] as string) != null },
  { pattern: /^\$\{try\(self\.([a-z_.]+), ""\) == "([^"]*)"\}$/, holds: (self, m) => readPath(self, m[1] as string) === m[2] },
];

export interface Postcondition {
  readonly condition: string;
  readonly error_message: string;
}

/** Throws the first failing postcondition's `error_message`, as Terraform fails the run with it. */
export function checkPostconditions(address: string, postconditions: readonly Postcondition[] | undefined, self: unknown, now: number): void {
  for (const postcondition of postconditions ?? []) {
    const shape = SHAPES.map((s) => ({ s, m: s.pattern.exec(postcondition.condition) })).find(({ m }) => m);
    if (!shape?.m) throw new Error(`${address}: the rehearsal cannot evaluate the condition ${postcondition.condition}`);
    if (!shape.s.holds(self, shape.m, now)) throw new Error(`${address}: Resource postcondition failed: ${postcondition.error_message}`);
  }
}
