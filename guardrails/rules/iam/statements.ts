import type { GuardrailSubject } from '../../rule';
import { asList, isReference, records, strings } from '../../values';

/** An IAM policy statement reduced to what least privilege is judged on. */
export interface Statement {
  readonly effect: string;
  readonly actions: string[];
  readonly notActions: string[];
  readonly resources: string[];
  readonly notResources: string[];
}

/** Identity-policy attributes that hold a JSON policy document, per resource type. */
const JSON_POLICY_ATTRIBUTES: Record<string, string> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
};

/**
 * The statements of an IAM identity policy: an `aws_iam_policy_document` data source, or a JSON `policy`
 * attribute. Returns undefined when the subject holds no identity policy; a policy that is a reference to a
 * policy document is judged on that document instead. Throws when a JSON policy cannot be read, so the pack
 * reports it as not evaluated rather than passing it.
 */
export function policyStatements(subject: GuardrailSubject): Statement[] | undefined {
  if (subject.kind === 'data' && subject.type === 'aws_iam_policy_document') {
    const own = records(subject.attributes.statement).map((s) => ({
      effect: String(s.effect ?? 'Allow'),
      actions: strings(s.actions),
      notActions: strings(s.not_actions),
      resources: strings(s.resources),
      notResources: strings(s.not_resources),
    }));
    // Documents merged into this one are part of the policy it renders: read them too (a reference to another
    // policy document is judged where that document is declared).
    const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].flatMap((attribute) =>
      asList(subject.attributes[attribute]).flatMap((document) => parsePolicy(document)),
    );
    return [...own, ...merged];
  }
  if (subject.kind !== 'resource') return undefined;
  const documents: unknown[] = [];
  const attribute = JSON_POLICY_ATTRIBUTES[subject.type];
  if (attribute) documents.push(subject.attributes[attribute]);
  if (subject.type === 'aws_iam_role') documents.push(...records(subject.attributes.inline_policy).map((p) => p.policy));
  if (documents.length === 0) return undefined;
  return documents.flatMap((document) => parsePolicy(document));
}

/** A whole reference to the JSON of a policy document declared in the stack: judged where it is declared. */
const DOCUMENT_JSON = /^\$\{data\.aws_iam_policy_document\.[\w-]+\.(?:json|minified_json)\}$/;

function parsePolicy(document: unknown): Statement[] {
  if (document === undefined || document === null) return [];
  if (typeof document === 'string' && DOCUMENT_JSON.test(document)) return [];
  if (typeof document === 'string' && document.includes('${') && isReference(document) && !/[()]/.test(document)) {
    // A reference to another element's attribute (e.g. an aws_iam_policy's policy): that element is judged itself.
    return [];
  }
  let parsed: unknown;
  try {
    parsed = typeof document === 'string' ? JSON.parse(document) : document;
  } catch {
    throw new Error(
      `the policy is neither JSON nor a reference to an aws_iam_policy_document (${String(document).slice(0, 60)}...); declare it with DataAwsIamPolicyDocument`,
    );
  }
  const raw = (parsed as { Statement?: unknown }).Statement;
  return records(raw).map((s) => ({
    effect: String(s.Effect ?? 'Allow'),
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
  }));
}

/** Statements that grant something; Deny statements only ever narrow access. */
export function allowStatements(statements: readonly Statement[]): Statement[] {
  return statements.filter((s) => s.effect !== 'Deny');
}
