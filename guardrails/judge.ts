import { TerraformBackend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { IConstruct } from 'constructs';
import { canGrantAccess, isReviewedInert } from './deny-by-default';
import type { GuardrailPack, RuleDefinition } from './pack';
import type { AcceptedFinding, GuardrailReport, ReportedFinding } from './report';
import { Compliance } from './rule';
import { redact } from './secrets';
import { jsonSubjects, type Located, type StackJson } from './subjects';
import { parseSuppressionId, placementProblem, suppressionProblem, suppressionsOn, type Suppression } from './suppressions';

/** Engine rule: an element that can grant access and that no rule judged (guardrails/deny-by-default.ts). */
export const DENY_BY_DEFAULT = 'LP-DENY1';
/** Engine rule: a suppression that is malformed, misplaced, or matches nothing. */
export const SUPPRESSION_CHECK = 'LP-SUP1';

/** One annotation the judgement adds, on the construct that declared the element (or the stack). */
export interface Note {
  readonly construct: IConstruct;
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
}

export interface Judgement {
  readonly report: GuardrailReport;
  readonly notes: Note[];
}

interface Candidate {
  readonly definition: RuleDefinition;
  readonly located: Located;
  readonly construct: IConstruct;
  readonly finding: string;
}

interface StoredSuppression {
  readonly scope: IConstruct;
  readonly suppression: Suppression;
  used: boolean;
}

/** The constructs from `construct` up to, not including, its stack: where a suppression for it may be. */
function owners(construct: IConstruct, stack: TerraformStack): IConstruct[] {
  const scopes = [...construct.node.scopes];
  const below = scopes.slice(scopes.indexOf(stack) + 1);
  return below.reverse();
}

/**
 * Judges one stack's synthesized JSON with every rule of `packs`: findings, deny by default, and every suppression
 * stored anywhere in the stack (matched to exactly one finding, or an error). Returns the report and the annotations
 * to add; every message is redacted (guardrails/secrets.ts), so no secret value reaches a log or report.
 */
export function judgeStack(stack: TerraformStack, json: StackJson, packs: readonly GuardrailPack[]): Judgement {
  const definitions = new Map<string, RuleDefinition>();
  for (const pack of packs) for (const d of pack.definitions) if (!definitions.has(d.id)) definitions.set(d.id, d);
  const requestable = new Set(packs.flatMap((p) => [...p.requestableGroupNames]));
  const all = stack.node.findAll();
  const constructs = new Map<string, IConstruct>(all.map((c) => [c.node.path, c]));
  // Outputs, variables and backends carry no `//` metadata: find their constructs by address instead.
  const byAddress = new Map<string, IConstruct>();
  for (const c of all) {
    if (c instanceof TerraformOutput) byAddress.set(`output.${c.friendlyUniqueId}`, c);
    else if (c instanceof TerraformVariable) byAddress.set(`var.${c.friendlyUniqueId}`, c);
    else if (TerraformBackend.isBackend(c)) byAddress.set('backend', c);
  }
  const stored = new Map<IConstruct, StoredSuppression[]>();
  for (const scope of constructs.values()) {
    const here = suppressionsOn(scope);
    if (here.length > 0)
      stored.set(
        scope,
        here.map((suppression) => ({ scope, suppression, used: false })),
      );
  }
  const report: GuardrailReport = { pack: packs.map((p) => p.name).join(', '), stack: stack.node.id, findings: [], suppressed: [] };
  const notes: Note[] = [];
  const fail = (construct: IConstruct, finding: ReportedFinding) => {
    report.findings.push(finding);
    notes.push({ construct, level: finding.level, message: finding.message });
  };

  for (const located of jsonSubjects(json, requestable, stack.node.path)) {
    const construct =
      (located.path && constructs.get(located.path)) || byAddress.get(located.subject.kind === 'backend' ? 'backend' : located.subject.address) || stack;
    const path = construct.node.path;
    const address = located.subject.address;
    let judged = false;
    for (const definition of definitions.values()) {
      let result;
      try {
        result = definition.rule(located.subject);
      } catch (error) {
        if (!definition.scansEveryElement) judged = true;
        const message = redact(`[${definition.id}] could not be evaluated on ${address}: ${(error as Error).message}`);
        fail(construct, { ruleId: definition.id, level: 'error', path, address, message });
        continue;
      }
      if (result === Compliance.NOT_APPLICABLE) continue;
      if (!definition.scansEveryElement) judged = true;
      const findings = result === Compliance.NON_COMPLIANT ? [`Element::${address}`] : Array.isArray(result) ? result : [];
      for (const finding of findings) {
        const candidate: Candidate = { definition, located, construct, finding: redact(String(finding)) };
        const match = matchingSuppression(candidate, stack, stored);
        const described = describe(candidate, construct !== stack);
        if (match) {
          const accepted: AcceptedFinding = {
            ...described,
            suppressionId: match.suppression.id,
            reason: redact(match.suppression.reason),
            suppressedOn: match.scope.node.path,
          };
          report.suppressed.push(accepted);
          notes.push({
            construct,
            level: 'info',
            message: `[${definition.id}] accepted by suppression ${accepted.suppressionId} on ${accepted.suppressedOn}: ${accepted.reason}`,
          });
        } else fail(construct, described);
      }
    }
    if (!judged && canGrantAccess(located.subject) && !isReviewedInert(located.subject)) {
      const what = located.subject.kind === 'module' ? `module ${address} (source ${located.subject.type})` : `${address} (type ${located.subject.type})`;
      const message = redact(
        `[${DENY_BY_DEFAULT}] ${what} can grant access and no guardrail rule judges it. Fix: declare the access with a type a rule judges, ` +
          `or add a rule that judges ${located.subject.kind === 'module' ? 'what this module creates (or declare its resources directly)' : `${located.subject.type}`} ` +
          `(guardrails/RULES.md, "Deny by default"); this check cannot be suppressed.`,
      );
      fail(construct, { ruleId: DENY_BY_DEFAULT, level: 'error', path, address, message });
    }
  }
  auditSuppressions(stack, stored, new Set(definitions.keys()), fail);
  return { report, notes };
}

/** The well-formed suppression on the finding's construct or an owner below the stack that accepts exactly it. */
function matchingSuppression(candidate: Candidate, stack: TerraformStack, stored: Map<IConstruct, StoredSuppression[]>): StoredSuppression | undefined {
  if (candidate.construct === stack) return undefined;
  for (const scope of owners(candidate.construct, stack)) {
    for (const entry of stored.get(scope) ?? []) {
      if (suppressionProblem(entry.suppression)) continue;
      const { ruleId, finding } = parseSuppressionId(entry.suppression.id);
      if (ruleId !== candidate.definition.id || finding !== candidate.finding) continue;
      entry.used = true;
      return entry;
    }
  }
  return undefined;
}

/** Every suppression in the stack, however it was written, is well formed, well placed and used; else an error. */
function auditSuppressions(
  stack: TerraformStack,
  stored: Map<IConstruct, StoredSuppression[]>,
  known: ReadonlySet<string>,
  fail: (construct: IConstruct, finding: ReportedFinding) => void,
): void {
  for (const entries of stored.values()) {
    for (const { scope, suppression, used } of entries) {
      if (used) continue;
      const id = String(suppression.id);
      const path = scope.node.path;
      const placement = placementProblem(scope);
      const unmatched = () => {
        const { ruleId } = parseSuppressionId(id);
        return known.has(ruleId)
          ? `matches nothing (${ruleId} reports no such finding on ${path} or below); remove it, or copy the exact id from the finding it was meant for`
          : `names rule ${ruleId}, which no pack on ${stack.node.id} has; copy the exact id from the finding`;
      };
      const problem = placement ? `${path} ${placement}; put it on the construct that holds the finding` : (suppressionProblem(suppression) ?? unmatched());
      const message = redact(`[${SUPPRESSION_CHECK}] suppression ${id} on ${path}: ${problem}`);
      fail(scope, { ruleId: SUPPRESSION_CHECK, level: 'error', path, address: '(suppression)', finding: id, message });
    }
  }
}

function describe(candidate: Candidate, suppressible: boolean): ReportedFinding {
  const { definition, located, construct, finding } = candidate;
  const id = `${definition.id}[${finding}]`;
  const how = suppressible
    ? `If this is intended, suppress it with a reason on ${construct.node.path} (or a construct that owns it): suppress(construct, [{ id: '${id}', reason: '...' }]).`
    : 'No construct declares it (an override on the stack added it), so it cannot be suppressed: fix it where it is added.';
  return {
    ruleId: definition.id,
    level: definition.level,
    path: construct.node.path,
    address: located.subject.address,
    finding,
    message: redact(`[${definition.id}] ${definition.info} (${finding}) on ${located.subject.address}. Fix: ${definition.explanation} ${how}`),
  };
}
