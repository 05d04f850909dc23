/**
 * Note for rule authors (issue 15): the `Rule` signature is unchanged. Additions only: subjects of kind `module`,
 * `output`, `provider` and `variable` (rules that check `kind !== 'resource'` ignore them), `StackContext.path`, and the meaning
 * of `sensitiveVariables` (a sensitive variable with a literal default is not a secret source). Deny by default
 * (guardrails/deny-by-default.ts): an element is judged when some rule returns anything but `NOT_APPLICABLE` for it,
 * so return `NOT_APPLICABLE` exactly for what your rule does not judge (a rule that scans every element for one
 * concern sets `scansEveryElement` on its RuleDefinition and does not count).
 *
 * The contract between a guardrail rule and the pack that applies it.
 *
 * Rules are pure functions of one synthesized Terraform element (snake_case attributes, tokens resolved to
 * `${...}` references), so they are independent of generated binding classes and of provider versions.
 */

/** The outcome of a rule that has no granular findings. */
export enum Compliance {
  COMPLIANT = 'COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

/**
 * What a rule returns: a verdict, or the list of granular findings (`Action::sqs:*`); an empty list is compliant.
 * Granular findings can be suppressed one by one (`LP-IAM1[Action::sqs:*]`).
 */
export type RuleResult = Compliance | string[];

/** What kind of Terraform element a subject is; `module` is a module call (its `type` is the module source). */
export type SubjectKind = 'resource' | 'data' | 'backend' | 'module' | 'output' | 'provider' | 'variable';

/** One Terraform element as synthesized: the thing a rule judges. */
export interface GuardrailSubject {
  readonly kind: SubjectKind;
  /** Terraform type, e.g. `okta_app_oauth`, `aws_iam_policy_document`; the backend type (`s3`, `local`) for backends. */
  readonly type: string;
  /** Terraform address as references spell it: `okta_group.x`, `data.aws_iam_policy_document.y`, `backend.s3`. */
  readonly address: string;
  /** Synthesized attributes, snake_case, references as `${...}` strings. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The other elements of the same stack, for rules that follow references. */
  readonly stack: StackContext;
}

/** What a rule may know about the stack around its subject. */
export interface StackContext {
  /** The element at a Terraform address (`data.oktapam_group.x`), if it is declared in this stack. */
  lookup(address: string): GuardrailSubject | undefined;
  /** Every resource and data source of the stack. */
  readonly elements: readonly GuardrailSubject[];
  /** Construct path of the stack, e.g. `identity-example`. */
  readonly path?: string;
  /**
   * Names of the stack's variables that are secret sources: declared `sensitive = true` and without a literal default
   * (a default is a value in code, so it is not secret).
   */
  readonly sensitiveVariables: ReadonlySet<string>;
  /** Names of server-access groups the governance stack makes requestable and time-bound. */
  readonly requestableGroupNames: ReadonlySet<string>;
}

/** A rule: pure, terse, no wording; the pack owns severity and the message. */
export type Rule = (subject: GuardrailSubject) => RuleResult;
