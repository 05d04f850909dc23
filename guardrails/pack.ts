import { Annotations, Aspects, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { judgeStack } from './judge';
import { guardedPacks } from './registry';
import type { Rule } from './rule';
import type { GuardrailReport } from './report';
import type { StackJson } from './subjects';

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
  /**
   * True for a rule that looks at every element for one concern (e.g. secrets in clear): it does not count as
   * judging an element for deny by default (guardrails/deny-by-default.ts).
   * @default false
   */
  readonly scansEveryElement?: boolean;
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

/**
 * A set of rules applied to every stack it is registered on (as an Aspect), cdk-nag style.
 *
 * Under a `GuardedApp` (main.ts) the Aspect only enrolls the pack: the app judges each stack's final synthesized
 * JSON after every Aspect has run, with every pack enrolled on it. Elsewhere (`Testing.synth` in unit tests) the
 * pack judges the stack when the Aspect visits it. Errors become error annotations, which fail the synth.
 */
export abstract class GuardrailPack implements IAspect {
  /** Reports by stack path when the pack judged a stack itself (outside a GuardedApp), for tests and tools. */
  public readonly reports = new Map<string, GuardrailReport>();
  public readonly requestableGroupNames: ReadonlySet<string>;

  protected constructor(
    public readonly name: string,
    public readonly definitions: readonly RuleDefinition[],
    props: GuardrailPackProps = {},
  ) {
    this.requestableGroupNames = new Set(props.requestableGroupNames ?? []);
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.reports.has(node.node.path)) return;
    const enrolled = guardedPacks.get(node);
    if (enrolled) {
      if (!enrolled.includes(this)) enrolled.push(this);
      return;
    }
    // Outside a GuardedApp the packs on one stack judge it together, once, when the last of them visits it (so
    // deny by default sees every pack's rules, and packs that index the stack first have done so).
    const onStack = Aspects.of(node).all.filter((a): a is GuardrailPack => a instanceof GuardrailPack);
    if (onStack.includes(this) && onStack[onStack.length - 1] !== this) return;
    const packs = onStack.includes(this) ? onStack : [this];
    const result = judgeStack(node, node.toTerraform() as StackJson, packs);
    for (const note of result.notes) {
      const annotations = Annotations.of(note.construct);
      if (note.level === 'error') annotations.addError(note.message);
      else if (note.level === 'warning') annotations.addWarning(note.message);
      else annotations.addInfo(note.message);
    }
    for (const pack of packs) pack.reports.set(node.node.path, result.report);
  }
}
