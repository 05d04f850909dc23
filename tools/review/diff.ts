import { maskStack } from './mask';
import { privilegeKind } from './privilege';
import { replacementCauses } from './replacement';
import type { StackJson, SynthStack } from './synth-output';

/** One attribute that differs, by path (`rules[0].conditions[1].gateway.session_recording`); values already masked. */
export interface AttributeChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** One Terraform element (resource or data source) that differs between base and head. */
export interface ElementChange {
  readonly address: string;
  readonly type: string;
  readonly kind: ElementKind;
  readonly action: 'create' | 'update' | 'replace' | 'destroy';
  /** Attribute-level changes (for create/destroy: every attribute, as after/before). */
  readonly attributes: AttributeChange[];
  /** For a replace: the changed attributes that force it. */
  readonly replacedBy: string[];
  /** Privilege kind (`AWS IAM`, `OAuth scopes`, ...) when the type governs access. */
  readonly privilege?: string;
}

export interface StackDiff {
  readonly stack: string;
  readonly status: 'new' | 'removed' | 'changed' | 'unchanged';
  readonly changes: ElementChange[];
}

/**
 * cdktf's generated wiring of cross-stack references (`cross-stack-output-*` outputs and
 * `terraform_remote_state.cross-stack-reference-input-*`): it follows from the references a reviewer already
 * sees in attribute diffs, so listing it would only bury the real changes.
 */
function isCrossStackPlumbing(name: string): boolean {
  return name.startsWith('cross-stack-output-') || name.startsWith('cross-stack-reference-input-');
}

/** What a changed element is: infrastructure, a lookup, or a root-module variable or output. */
export type ElementKind = 'resource' | 'data' | 'variable' | 'output';

interface Element {
  readonly type: string;
  readonly kind: ElementKind;
  readonly body: Record<string, unknown>;
  /** The same body with secrets masked: what a report may show. */
  readonly shown: Record<string, unknown>;
}
type Elements = Map<string, Element>;

function elementsOf(json: StackJson | undefined): Elements {
  const elements: Elements = new Map();
  if (!json) return elements;
  const masked = maskStack(json);
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      for (const [name, raw] of Object.entries(byName)) {
        if (isCrossStackPlumbing(name)) continue;
        const { '//': _metadata, ...body } = raw;
        const { '//': _shownMetadata, ...shown } = masked[kind]![type][name];
        elements.set(kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`, { type, kind, body, shown });
      }
    }
  }
  // Variables and outputs, whose sensitive values maskStack has already replaced.
  for (const [kind, block, shownBlock, prefix] of [
    ['variable', json.variable, masked.variable, 'var'],
    ['output', json.output, masked.output, 'output'],
  ] as const) {
    // The masked copy has every block and name the stack has (maskStack only replaces values).
    for (const [name, body] of Object.entries(block ?? {})) {
      if (isCrossStackPlumbing(name)) continue;
      elements.set(`${prefix}.${name}`, { type: kind, kind, body, shown: shownBlock![name] });
    }
  }
  return elements;
}

const isScalarList = (value: unknown): boolean => Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');

/** Leaf attributes by path; lists of scalars (scopes, permissions, actions) stay one leaf so they diff as sets. */
export function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !isScalarList(value)) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [`[${i}]`, v] as const)
      : Object.entries(value).map(([k, v]) => [prefix ? `.${k}` : k, v] as const);
    if (entries.length === 0 && prefix) into.set(prefix, value);
    for (const [segment, child] of entries) flatten(child, `${prefix}${segment}`, into);
    return into;
  }
  into.set(prefix, value);
  return into;
}

/** The value a report shows at `path`: the masked value, or the mask of a masked ancestor (a secret map, say). */
function shownAt(shown: Map<string, unknown>, path: string): unknown {
  if (shown.has(path)) return shown.get(path);
  for (let end = path.length - 1; end > 0; end -= 1) {
    if ('.['.includes(path[end]) && shown.has(path.slice(0, end))) return shown.get(path.slice(0, end));
  }
  return undefined;
}

/** Changed leaves, compared on real values (so a changed secret is reported) but shown masked. */
function attributeChanges(before: Element | undefined, after: Element | undefined): AttributeChange[] {
  const a = flatten(before?.body ?? {});
  const b = flatten(after?.body ?? {});
  const shownA = flatten(before?.shown ?? {});
  const shownB = flatten(after?.shown ?? {});
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((p) => ({ path: p, ...(a.has(p) ? { before: shownAt(shownA, p) } : {}), ...(b.has(p) ? { after: shownAt(shownB, p) } : {}) }));
}

/** Compares one stack's base and head Terraform JSON, element by element (secrets masked before comparing). */
export function diffStack(name: string, base: StackJson | undefined, head: StackJson | undefined): StackDiff {
  const before = elementsOf(base);
  const after = elementsOf(head);
  const changes: ElementChange[] = [];
  for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(address);
    const now = after.get(address);
    const { type, kind } = (now ?? old)!;
    const attributes = attributeChanges(old, now);
    if (attributes.length === 0) continue;
    const replacedBy =
      old && now && kind === 'resource'
        ? replacementCauses(
            type,
            attributes.map((c) => c.path),
          )
        : [];
    const action = !old ? 'create' : !now ? 'destroy' : replacedBy.length > 0 ? 'replace' : 'update';
    changes.push({ address, type, kind, action, attributes, replacedBy, privilege: privilegeKind(type) });
  }
  const status = !base ? 'new' : !head ? 'removed' : changes.length > 0 ? 'changed' : 'unchanged';
  return { stack: name, status, changes };
}

/** Diffs every stack present in base or head, by stack name. */
export function diffSynth(base: readonly SynthStack[], head: readonly SynthStack[]): StackDiff[] {
  const names = [...new Set([...base.map((s) => s.name), ...head.map((s) => s.name)])].sort();
  return names.map((name) => diffStack(name, base.find((s) => s.name === name)?.json, head.find((s) => s.name === name)?.json));
}
