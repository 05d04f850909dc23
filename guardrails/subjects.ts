import type { GuardrailSubject, StackContext, SubjectKind } from './rule';

/** A subject and the construct path that declared it, where findings are reported. */
export interface Located {
  readonly subject: GuardrailSubject;
  /**
   * Construct path of the element (from cdktf's `//` metadata), or undefined for an element no construct declared
   * (added with a stack-level `addOverride`): findings on those are reported on the stack.
   */
  readonly path?: string;
}

type Body = Record<string, unknown>;
type Blocks = Record<string, Record<string, Body>>;

/** The parts of a synthesized `cdk.tf.json` the guardrails read. */
export interface StackJson {
  readonly resource?: Blocks;
  readonly data?: Blocks;
  readonly module?: Record<string, Body>;
  readonly output?: Record<string, Body>;
  readonly provider?: Record<string, Body[] | Body>;
  readonly variable?: Record<string, Body>;
  readonly terraform?: { backend?: Record<string, Body> };
  readonly [key: string]: unknown;
}

function withoutMetadata(body: Body | undefined): Body {
  const { '//': _metadata, ...attributes } = body ?? {};
  return attributes;
}

function constructPath(body: Body | undefined): string | undefined {
  const path = (body?.['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}

/**
 * Names of the variables that are secret sources: `sensitive = true` and no literal default. A default is a value
 * written in code, so a "sensitive" variable with one is a secret in git, state and plan.
 */
export function secretVariables(json: StackJson): Set<string> {
  const names = new Set<string>();
  for (const [name, body] of Object.entries(json.variable ?? {})) {
    if (body.sensitive === true && (body.default === undefined || body.default === null)) names.add(name);
  }
  return names;
}

/**
 * Every element of one synthesized stack, read from its final JSON: what Terraform will see, whatever added it
 * (constructs, `addOverride` on a stack or element, modules, Aspects that ran earlier in the synth).
 */
export function jsonSubjects(json: StackJson, requestableGroupNames: ReadonlySet<string>, stackPath?: string): Located[] {
  const elements: GuardrailSubject[] = [];
  const byAddress = new Map<string, GuardrailSubject>();
  const context: StackContext = {
    lookup: (address) => byAddress.get(address),
    elements,
    sensitiveVariables: secretVariables(json),
    requestableGroupNames,
    path: stackPath,
  };
  const located: Located[] = [];
  const add = (kind: SubjectKind, type: string, address: string, body: Body | undefined, element: boolean) => {
    const subject: GuardrailSubject = { kind, type, address, attributes: withoutMetadata(body), stack: context };
    if (element) {
      elements.push(subject);
      byAddress.set(address, subject);
    }
    located.push({ subject, path: constructPath(body) });
  };
  for (const [type, body] of Object.entries(json.terraform?.backend ?? {})) add('backend', type, `backend.${type}`, body, false);
  for (const [type, byId] of Object.entries(json.resource ?? {})) {
    for (const [id, body] of Object.entries(byId ?? {})) add('resource', type, `${type}.${id}`, body, true);
  }
  for (const [type, byId] of Object.entries(json.data ?? {})) {
    for (const [id, body] of Object.entries(byId ?? {})) add('data', type, `data.${type}.${id}`, body, true);
  }
  for (const [name, body] of Object.entries(json.module ?? {})) add('module', String(body?.source ?? '(no source)'), `module.${name}`, body, true);
  for (const [name, body] of Object.entries(json.output ?? {})) add('output', 'output', `output.${name}`, body, false);
  for (const [name, body] of Object.entries(json.variable ?? {})) add('variable', 'variable', `var.${name}`, body, false);
  for (const [type, bodies] of Object.entries(json.provider ?? {})) {
    const list = Array.isArray(bodies) ? bodies : [bodies];
    list.forEach((body, index) =>
      add('provider', type, `provider.${type}${body?.alias ? `.${String(body.alias)}` : list.length > 1 ? `[${index}]` : ''}`, body, false),
    );
  }
  return located;
}
