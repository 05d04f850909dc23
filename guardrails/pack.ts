import { Annotations, TerraformStack, type IAspect } from 'cdktf';
// Not re-exported by cdktf's index; it is how cdktf's own assets write files beside a stack's cdk.tf.json.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import { Compliance, type Rule } from './rule';
import type { GuardrailReport, ReportedFinding } from './report';
import { stackSubjects, type Located } from './subjects';
import { parseSuppressionId, suppressionsOn, type Suppression } from './suppressions';

/** How a pack applies one rule: its id, severity and wording. Rules stay terse; the pack explains. */
export interface RuleDefinition {
  /** `LP-IAM1`: the pack prefix and a short rule code. */
  readonly id: string;
  readonly rule: Rule;
  readonly level: 'error' | 'warning';
  /** One line: what is wrong. */
  readonly info: string;
  /** Why it matters and how to fix it. */
  readonly explanation: string;
}

export interface GuardrailPackProps {
  /**
   * Names of the groups that are requestable and time-bound (server-access groups behind access-request conditions).
   * @default - none: every privileged-access principal needs an access-request condition
   */
  readonly requestableGroupNames?: readonly string[];
}

/** File written next to each stack's cdk.tf.json with the findings and accepted suppressions. */
export const REPORT_FILE = 'guardrails.json';

interface Candidate {
  readonly definition: RuleDefinition;
  readonly located: Located;
  /** Undefined for a rule that returned NON_COMPLIANT without granular findings. */
  readonly finding?: string;
}

/**
 * A set of rules applied to every stack it is registered on, cdk-nag style.
 *
 * The pack evaluates a whole stack when the aspect visits the stack node, rather than node by node, because
 * some rules follow references to other elements and because a suppression that matched nothing can only be
 * known once every element has been judged. Errors become `Annotations.addError`, which aborts `cdktf synth`.
 */
export abstract class GuardrailPack implements IAspect {
  /** Reports by stack path, for tools and tests; also written to `guardrails.json` beside each synthesized stack. */
  public readonly reports = new Map<string, GuardrailReport>();
  private readonly requestableGroupNames: ReadonlySet<string>;

  protected constructor(
    public readonly name: string,
    private readonly definitions: readonly RuleDefinition[],
    props: GuardrailPackProps = {},
  ) {
    this.requestableGroupNames = new Set(props.requestableGroupNames ?? []);
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.reports.has(node.node.path)) return;
    const stack = node;
    const report: GuardrailReport = { pack: this.name, stack: stack.node.id, findings: [], suppressed: [] };
    this.reports.set(stack.node.path, report);
    const used = new Set<string>();
    for (const located of stackSubjects(stack, this.requestableGroupNames)) {
      for (const candidate of this.evaluate(located, report)) {
        const match = this.matchingSuppression(candidate, used);
        if (match) {
          report.suppressed.push({ ...this.describe(candidate), reason: match.reason, suppressionId: match.id });
          Annotations.of(candidate.located.construct).addInfo(`[${candidate.definition.id}] accepted by suppression ${match.id}: ${match.reason}`);
        } else {
          report.findings.push(this.describe(candidate));
          this.annotate(candidate);
        }
      }
    }
    this.failUnmatchedSuppressions(stack, used, report);
    // A child of its own carries the report writer: a construct holds at most one custom synthesis.
    addCustomSynthesis(new Construct(stack, `${this.name}Report`), {
      onSynthesize: (session) => {
        const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
      },
    });
  }

  /** The findings of every rule on one element; a rule that throws is reported as an error, never as a pass. */
  private evaluate(located: Located, report: GuardrailReport): Candidate[] {
    const candidates: Candidate[] = [];
    for (const definition of this.definitions) {
      let result;
      try {
        result = definition.rule(located.subject);
      } catch (error) {
        const message = `[${definition.id}] could not be evaluated on ${located.subject.address}: ${(error as Error).message}`;
        Annotations.of(located.construct).addError(message);
        report.findings.push({ ruleId: definition.id, level: 'error', path: located.construct.node.path, address: located.subject.address, message });
        continue;
      }
      if (result === Compliance.NON_COMPLIANT) candidates.push({ definition, located });
      else if (Array.isArray(result)) for (const finding of result) candidates.push({ definition, located, finding });
    }
    return candidates;
  }

  /** The first suppression on the construct or an ancestor that covers the candidate; marks it used. */
  private matchingSuppression(candidate: Candidate, used: Set<string>): Suppression | undefined {
    for (const scope of [...candidate.located.construct.node.scopes].reverse()) {
      for (const suppression of suppressionsOn(scope)) {
        const { ruleId, finding } = parseSuppressionId(suppression.id);
        if (ruleId !== candidate.definition.id) continue;
        if (finding !== undefined && finding !== candidate.finding) continue;
        used.add(`${scope.node.path}\u0000${suppression.id}`);
        return suppression;
      }
    }
    return undefined;
  }

  private failUnmatchedSuppressions(stack: TerraformStack, used: Set<string>, report: GuardrailReport): void {
    const known = new Set(this.definitions.map((d) => d.id));
    const prefix = `${this.definitions[0]?.id.split('-')[0]}-`;
    for (const scope of [stack, ...stack.node.findAll()]) {
      for (const suppression of suppressionsOn(scope)) {
        if (!suppression.id.startsWith(prefix) || used.has(`${scope.node.path}\u0000${suppression.id}`)) continue;
        const { ruleId } = parseSuppressionId(suppression.id);
        const why = known.has(ruleId) ? `${ruleId} reports no such finding here or below` : `the ${this.name} pack has no rule ${ruleId}`;
        const message = `[${this.name}] suppression ${suppression.id} matches nothing (${why}); remove it, or copy the exact id from the finding it was meant for`;
        Annotations.of(scope).addError(message);
        report.findings.push({ ruleId, level: 'error', path: scope.node.path, address: '(suppression)', message });
      }
    }
  }

  private describe(candidate: Candidate): ReportedFinding {
    const { definition, located, finding } = candidate;
    return {
      ruleId: definition.id,
      level: definition.level,
      path: located.construct.node.path,
      address: located.subject.address,
      finding,
      message: this.message(candidate),
    };
  }

  private message({ definition, finding }: Candidate): string {
    const id = finding === undefined ? definition.id : `${definition.id}[${finding}]`;
    const what = finding === undefined ? definition.info : `${definition.info} (${finding})`;
    return `[${definition.id}] ${what}. Fix: ${definition.explanation} If this is intended, suppress it with a reason: suppress(construct, [{ id: '${id}', reason: '...' }]).`;
  }

  private annotate(candidate: Candidate): void {
    const annotations = Annotations.of(candidate.located.construct);
    const message = this.message(candidate);
    if (candidate.definition.level === 'error') annotations.addError(message);
    else annotations.addWarning(message);
  }
}
