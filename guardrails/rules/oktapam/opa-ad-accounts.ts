import type { GuardrailSubject } from '../../rule';
import { asRecord } from '../../values';

/**
 * The OPA AD-account objects this project writes through magodo/restful, recognised by their API path
 * (docs/opa-ad-accounts.md): a `restful_resource` or `restful_operation` at any other path is not one of them,
 * so no AD-account rule judges it and deny by default refuses it.
 */
export type OpaAdObject =
  | { readonly kind: 'account-rule'; readonly body: Record<string, unknown> }
  | { readonly kind: 'rule-settings'; readonly body: Record<string, unknown> }
  | { readonly kind: 'rule-order'; readonly body: unknown }
  | { readonly kind: 'connection-lookup'; readonly method: unknown }
  | { readonly kind: 'password-settings'; readonly body: Record<string, unknown>; readonly resourceGroup: string; readonly project: string };

const SEGMENT = '[^/]+';
const ASSIGNMENT = `/v1/teams/${SEGMENT}/resource_assignment/active_directory/${SEGMENT}`;
const RULES = new RegExp(`^${ASSIGNMENT}/rules$`);
const RULE_SETTINGS = new RegExp(`^${ASSIGNMENT}/rule_settings$`);
const REORDER = new RegExp(`^${ASSIGNMENT}/rules/reorder$`);
const CONNECTIONS = new RegExp(`^/v1/teams/${SEGMENT}/connections/active_directory$`);
const PASSWORDS = new RegExp(`^/v1/teams/${SEGMENT}/resource_groups/(${SEGMENT})/projects/(${SEGMENT})/active_directory_password_settings$`);

/** What OPA AD-account object `subject` writes, if any. */
export function opaAdObject(subject: GuardrailSubject): OpaAdObject | undefined {
  if (subject.kind === 'data' && subject.type === 'restful_resource' && typeof subject.attributes.id === 'string' && CONNECTIONS.test(subject.attributes.id)) {
    return { kind: 'connection-lookup', method: subject.attributes.method };
  }
  if (subject.kind !== 'resource') return undefined;
  const path = subject.attributes.path;
  if (typeof path !== 'string') return undefined;
  if (subject.type === 'restful_operation') {
    return REORDER.test(path) && subject.attributes.method === 'POST' ? { kind: 'rule-order', body: subject.attributes.body } : undefined;
  }
  if (subject.type !== 'restful_resource') return undefined;
  const body = asRecord(subject.attributes.body) ?? {};
  if (RULES.test(path)) return { kind: 'account-rule', body };
  if (RULE_SETTINGS.test(path)) return { kind: 'rule-settings', body };
  const passwords = PASSWORDS.exec(path);
  if (passwords) return { kind: 'password-settings', body, resourceGroup: passwords[1] as string, project: passwords[2] as string };
  return undefined;
}

/** The AD account rules of the stack, by address. */
export function accountRules(subject: GuardrailSubject): GuardrailSubject[] {
  return subject.stack.elements.filter((element) => opaAdObject(element)?.kind === 'account-rule');
}

/** The AD password settings element of the project `projectRef` (a `${...id}` reference or an id), if declared. */
export function passwordSettingsOf(subject: GuardrailSubject, projectRef: string): { element: GuardrailSubject; body: Record<string, unknown> } | undefined {
  for (const element of subject.stack.elements) {
    const object = opaAdObject(element);
    if (object?.kind === 'password-settings' && object.project === projectRef) return { element, body: object.body };
  }
  return undefined;
}

/** `Rule::<name>`, the finding prefix of an account rule. */
export function ruleLabel(body: Record<string, unknown>): string {
  return `Rule::${typeof body.name === 'string' ? body.name : '(unnamed)'}`;
}

/** The `id` of a NamedObject field (`resource_group`, `project`) of a rule body. */
export function namedId(body: Record<string, unknown>, field: string): string | undefined {
  const id = asRecord(body[field])?.id;
  return typeof id === 'string' ? id : undefined;
}
