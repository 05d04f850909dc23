/** One unsuppressed (or accepted) finding, as written to `guardrails.json` and shown in plan reviews. */
export interface ReportedFinding {
  readonly ruleId: string;
  readonly level: 'error' | 'warning';
  /** Construct path, e.g. `bridge-example/Worker/Role`. */
  readonly path: string;
  /** Terraform address, e.g. `data.aws_iam_policy_document.WorkerPolicy`. */
  readonly address: string;
  /** Granular finding (`Action::sqs:*`), when the rule reports them. */
  readonly finding?: string;
  readonly message: string;
}

export interface AcceptedFinding extends ReportedFinding {
  readonly suppressionId: string;
  readonly reason: string;
  /** Construct path the suppression is written on: the finding's construct or an owner of it. */
  readonly suppressedOn?: string;
}

/** Everything one pack found in one stack. */
export interface GuardrailReport {
  readonly pack: string;
  readonly stack: string;
  readonly findings: ReportedFinding[];
  readonly suppressed: AcceptedFinding[];
}
