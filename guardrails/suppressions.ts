import { App, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** Node metadata type under which suppressions are stored on a construct. */
export const SUPPRESSIONS_METADATA = 'guardrails/suppressions';

/**
 * An accepted finding: the rule id and the one finding it accepts (`LP-IAM1[Action::sqs:*]`), and why it is
 * acceptable here. A bare rule id is refused: it would accept every future finding of the rule too.
 */
export interface Suppression {
  /** `LP-IAM1[Action::sqs:*]`: copied from the finding's message. */
  readonly id: string;
  /** Why the finding is acceptable here, in a sentence; shown in every synth report and plan review. */
  readonly reason: string;
}

const ID = /^([A-Z][A-Z0-9]*-[A-Z0-9]+)(?:\[(.+)\])?$/s;
const MIN_REASON = 20;
const MIN_WORDS = 4;
const MIN_DISTINCT_LETTERS = 8;
/** Words that mark a reason as a placeholder rather than an explanation. */
const PLACEHOLDER =
  /\b(todo|tbd|tba|fixme|xxx+|placeholder|lorem|ipsum|asdf\w*|qwerty|dummy|changeme|wip|n\/a|fill (?:me )?in|reason here|add (?:a )?reason|(?:will )?fix (?:it |this )?later|for now|no reason|because reasons|just because|ignore (?:it|this)|quick hack)\b/i;

/** The rule id and the granular finding of a suppression id. */
export function parseSuppressionId(id: string): { ruleId: string; finding?: string } {
  const match = ID.exec(String(id));
  if (!match) throw new Error(`suppression id "${id}" is not a rule id with its finding, such as "LP-IAM1[Action::sqs:*]"; copy it from the finding`);
  return { ruleId: match[1], finding: match[2] };
}

/** What is wrong with a suppression reason, or undefined when it explains something. */
export function reasonProblem(reason: unknown): string | undefined {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length < MIN_REASON) return `is ${text.length} characters; explain in at least ${MIN_REASON}`;
  if (PLACEHOLDER.test(text)) return `is placeholder text ("${PLACEHOLDER.exec(text)?.[0]}")`;
  if (/(.)\1{4,}/.test(text)) return 'repeats one character; it explains nothing';
  const words = text.match(/[\p{L}]{2,}/gu) ?? [];
  if (words.length < MIN_WORDS) return `has ${words.length} word(s); say in at least ${MIN_WORDS} why the finding is acceptable here`;
  if (new Set(text.toLowerCase().match(/\p{L}/gu)).size < MIN_DISTINCT_LETTERS) return 'uses too few different letters to be an explanation';
  return undefined;
}

/** What is wrong with a suppression (id, finding, reason), or undefined when it is well formed. */
export function suppressionProblem(suppression: Partial<Suppression> | undefined): string | undefined {
  const id = suppression?.id;
  const match = typeof id === 'string' ? ID.exec(id) : null;
  if (!match) return `id ${JSON.stringify(id)} is not a rule id with its finding, such as "LP-IAM1[Action::sqs:*]"; copy it from the finding`;
  if (match[2] === undefined)
    return `id ${id} names no finding: a bare rule id would accept every finding of ${match[1]}, now and later; copy the exact id (with [...]) from the finding`;
  const problem = reasonProblem(suppression?.reason);
  return problem ? `reason ${JSON.stringify(String(suppression?.reason ?? ''))} ${problem}` : undefined;
}

/** Why a construct cannot hold suppressions (the App, a stack), or undefined when it can. */
export function placementProblem(construct: IConstruct): string | undefined {
  if (App.isApp(construct) || !construct.node.scope) return 'is the App: a suppression there would cover every stack';
  if (TerraformStack.isStack(construct)) return 'is a stack: a suppression there would cover every element of it';
  return undefined;
}

/**
 * Accepts one finding each on `construct` (the construct that holds the finding, or one that owns it), with a reason.
 *
 * Refused at once: the App or a stack as target, an id without its finding, a reason that explains nothing. The
 * synth fails when a suppression matches no finding, so a stale one cannot hide a future finding.
 */
export function suppress(construct: IConstruct, suppressions: readonly Suppression[]): void {
  const placement = placementProblem(construct);
  for (const suppression of suppressions) {
    const problem = placement
      ? `${construct.node.path || '(app)'} ${placement}; suppress on the construct that holds the finding`
      : suppressionProblem(suppression);
    if (problem) throw new Error(`suppression ${String(suppression?.id)} on ${construct.node.path || '(app)'}: ${problem}`);
    construct.node.addMetadata(SUPPRESSIONS_METADATA, { id: suppression.id, reason: suppression.reason.trim() });
  }
}

/** Like `suppress`, for the construct at `path` below `scope` (e.g. `Bridge/Worker/Role`); fails when no construct is there. */
export function suppressByPath(scope: IConstruct, path: string, suppressions: readonly Suppression[]): void {
  const parts = path.split('/').filter(Boolean);
  let target: IConstruct | undefined = scope;
  for (const part of parts) target = target?.node.tryFindChild(part);
  if (!target) {
    const children = scope.node.children.map((c) => c.node.id).join(', ');
    throw new Error(`suppressByPath: no construct at "${path}" below ${scope.node.path} (its children: ${children || 'none'}); fix the path`);
  }
  suppress(target, suppressions);
}

/**
 * The suppressions stored on one construct (not its ancestors), however they were written: through `suppress` or
 * directly as node metadata. Entries are returned as stored; `suppressionProblem` says what is wrong with one.
 */
export function suppressionsOn(construct: IConstruct): Suppression[] {
  return construct.node.metadata.filter((m) => m.type === SUPPRESSIONS_METADATA).map((m) => (m.data ?? {}) as Suppression);
}
