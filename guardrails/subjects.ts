import { TerraformBackend, TerraformElement, TerraformStack, TerraformVariable } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { GuardrailSubject, StackContext } from './rule';

/** A subject and the construct that declared it, where findings are reported. */
export interface Located {
  readonly subject: GuardrailSubject;
  readonly construct: IConstruct;
}

type Body = Record<string, unknown>;

function withoutMetadata(body: Body | undefined): Body {
  const { ['//']: _metadata, ...attributes } = body ?? {};
  return attributes;
}

/**
 * Every resource, data source and backend of `stack`, with attributes exactly as they will be synthesized
 * (from `stack.toTerraform()`, so overrides and references are applied), each paired with its construct.
 */
export function stackSubjects(stack: TerraformStack, requestableGroupNames: ReadonlySet<string>): Located[] {
  const tf = stack.toTerraform() as { resource?: Record<string, Record<string, Body>>; data?: Record<string, Record<string, Body>>; terraform?: { backend?: Record<string, Body> } };
  const elements: GuardrailSubject[] = [];
  const byAddress = new Map<string, GuardrailSubject>();
  const sensitiveVariables = new Set<string>();
  const context: StackContext = {
    lookup: (address) => byAddress.get(address),
    elements,
    sensitiveVariables,
    requestableGroupNames,
  };
  const located: Located[] = [];
  for (const construct of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(construct)) continue;
    if (construct instanceof TerraformVariable) {
      if (construct.sensitive) sensitiveVariables.add(construct.friendlyUniqueId);
      continue;
    }
    if (TerraformBackend.isBackend(construct)) {
      for (const [type, body] of Object.entries(tf.terraform?.backend ?? {})) {
        located.push({ construct, subject: { kind: 'backend', type, address: `backend.${type}`, attributes: withoutMetadata(body), stack: context } });
      }
      continue;
    }
    const type = (construct as { terraformResourceType?: unknown }).terraformResourceType;
    if (typeof type !== 'string') continue;
    const id = construct.friendlyUniqueId;
    const resource = tf.resource?.[type]?.[id];
    const data = tf.data?.[type]?.[id];
    if (!resource && !data) continue;
    const subject: GuardrailSubject = resource
      ? { kind: 'resource', type, address: `${type}.${id}`, attributes: withoutMetadata(resource), stack: context }
      : { kind: 'data', type, address: `data.${type}.${id}`, attributes: withoutMetadata(data), stack: context };
    elements.push(subject);
    byAddress.set(subject.address, subject);
    located.push({ construct, subject });
  }
  return located;
}
