import type { AttributeChange, ElementChange, StackDiff } from './diff';
import { maskValue } from './mask';
import { firstDifference, stringDelta } from './value-delta';
import { importBlocksOf, importsSection } from './imports';
import type { ManifestAnnotation, SynthStack } from './synth-output';
import { OKTA_READS_PER_MINUTE, planCost } from '../plan-cost/estimate';

/** Hidden marker the CI workflow finds to update its one comment in place. */
export const COMMENT_MARKER = '<!-- identity-lifecycle-plan-review -->';
/** GitHub refuses comments over 65,536 characters; stay below with room for the truncation note. */
const MAX_COMMENT = 60000;

export interface ReviewInput {
  readonly baseRef: string;
  readonly headLabel: string;
  readonly diffs: readonly StackDiff[];
  readonly base: readonly SynthStack[];
  readonly head: readonly SynthStack[];
  /** `terraform plan` output per stack, already masked, when terraform and credentials were available. */
  readonly plans?: Readonly<Record<string, string>>;
}

export interface ReviewReport {
  /** The whole review: fit for one pull-request comment. */
  readonly markdown: string;
  /** One Markdown document per stack. */
  readonly perStack: Readonly<Record<string, string>>;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

const CELL_WIDTH = 140;

/**
 * A value for a table cell: JSON, with pipes and newlines escaped. A long value is shown as a window that starts
 * just before `focus` (where the two sides first differ), so the before and after cells of a change inside a long
 * value never look the same; the delta column then says exactly what changed (value-delta.ts).
 */
function cell(value: unknown, focus = 0): string {
  if (value === undefined) return '–';
  const text = JSON.stringify(value) ?? String(value);
  return code(escapeCell(window(text, focus)));
}

function window(text: string, focus: number): string {
  if (text.length <= CELL_WIDTH) return text;
  const width = CELL_WIDTH - 6;
  const start = Math.max(0, Math.min(focus - 20, text.length - width));
  return `${start > 0 ? '...' : ''}${text.slice(start, start + width)}${start + width < text.length ? '...' : ''}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** `+added, -removed` for two lists of scalars (scopes, permissions, actions); undefined for anything else. */
function listDelta(change: AttributeChange): string | undefined {
  const { before, after } = change;
  if (!Array.isArray(before) && !Array.isArray(after)) return undefined;
  const a = (Array.isArray(before) ? before : []).map((v) => JSON.stringify(v));
  const b = (Array.isArray(after) ? after : []).map((v) => JSON.stringify(v));
  const parts = [...b.filter((v) => !a.includes(v)).map((v) => `+${v}`), ...a.filter((v) => !b.includes(v)).map((v) => `-${v}`)];
  return parts.length > 0 ? parts.join(', ') : 'order changed';
}

function attributeTable(change: ElementChange): string {
  const rows = change.attributes.map((a) => {
    const delta = listDelta(a) ?? stringDelta(a.before, a.after);
    const forces = change.replacedBy.includes(a.path) ? ' **forces replacement**' : '';
    const both = a.before !== undefined && a.after !== undefined;
    const focus = both ? firstDifference(JSON.stringify(a.before) ?? '', JSON.stringify(a.after) ?? '') : 0;
    return `| ${code(a.path)}${forces} | ${cell(a.before, focus)} | ${cell(a.after, focus)} | ${delta ? code(escapeCell(delta)) : ''} |`;
  });
  return ['| attribute | before | after | what changed |', '|---|---|---|---|', ...rows].join('\n');
}

const ICON: Record<ElementChange['action'], string> = { create: '+', update: '~', replace: '-/+', destroy: '-' };

function elementLine(change: ElementChange): string {
  const what = change.action === 'replace' ? ` (replaced: ${change.replacedBy.map(code).join(', ')} changed)` : '';
  return `${ICON[change.action]} ${code(change.address)}${what}`;
}

function changeDetails(change: ElementChange): string {
  return [`<details><summary>${elementLine(change)} — ${change.attributes.length} attribute(s)</summary>`, '', attributeTable(change), '', '</details>'].join(
    '\n',
  );
}

/** A finding of any guardrail pack or engine check: its message starts with the rule id (`[LP-IAM1]`, `[SL-LAMBDA1]`, `[LP-SUP1]`). */
const isGuardrail = (a: ManifestAnnotation) => /^\[[A-Z][A-Z0-9]*-[A-Z0-9]+\]/.test(a.message);
const levelOf = (a: ManifestAnnotation) => (a.level.includes('error') ? 'error' : a.level.includes('warn') ? 'warning' : 'info');

function guardrailSection(head: SynthStack | undefined, base: SynthStack | undefined): string[] {
  if (!head) return [];
  const before = new Set((base?.annotations ?? []).map((a) => `${a.constructPath}|${a.message}`));
  const findings = head.annotations.filter((a) => isGuardrail(a) && levelOf(a) !== 'info');
  const accepted = head.guardrails?.suppressed ?? [];
  const lines = ['#### Guardrail findings', ''];
  if (findings.length === 0) lines.push('None: every guardrail passes.');
  for (const a of findings) {
    const fresh = before.has(`${a.constructPath}|${a.message}`) ? '' : ' **(new)**';
    lines.push(`- ${levelOf(a) === 'error' ? '❌ error' : '⚠️ warning'}${fresh} at ${code(a.constructPath)}: ${String(maskValue(a.message))}`);
  }
  if (accepted.length > 0) {
    lines.push('', 'Accepted by suppression:');
    for (const s of accepted) {
      const on = s.suppressedOn && s.suppressedOn !== s.path ? ` (suppressed on ${code(s.suppressedOn)})` : '';
      lines.push(`- ${code(s.suppressionId)} at ${code(s.path)}${on}: ${String(maskValue(s.reason))}`);
    }
  }
  return lines;
}

/** The Markdown of one stack: warnings, privilege call-outs, then added / changed / destroyed, then guardrails. */
export function renderStack(diff: StackDiff, head: SynthStack | undefined, base: SynthStack | undefined, plan?: string): string {
  const imported = new Set(importBlocksOf(head).map((b) => b.to));
  const resources = diff.changes.filter((c) => c.kind === 'resource');
  const lookups = diff.changes.filter((c) => c.kind === 'data');
  const of = (action: ElementChange['action']) => resources.filter((c) => c.action === action);
  const lines = [`### ${code(diff.stack)}${diff.status === 'new' ? ' (new stack)' : diff.status === 'removed' ? ' (stack removed)' : ''}`, ''];
  if (diff.status === 'unchanged') lines.push('No changes.', '');
  const destroyed = of('destroy');
  const replaced = of('replace');
  if (destroyed.length > 0)
    lines.push(
      `> [!CAUTION]\n> **Destroys ${destroyed.length} resource(s):** ${destroyed.map((c) => code(c.address)).join(', ')}. Check that state or data they hold is not needed, or that a construct id was not renamed by accident.`,
      '',
    );
  if (replaced.length > 0) {
    lines.push(
      `> [!WARNING]\n> **Replaces ${replaced.length} resource(s)** (destroy, then create): ${replaced.map((c) => `${code(c.address)} because of ${c.replacedBy.map(code).join(', ')}`).join('; ')}. Replacement causes are a heuristic (tools/review/replacement.ts); \`terraform plan\` is the authority.`,
      '',
    );
  }
  const privileged = diff.changes.filter((c) => c.privilege);
  if (privileged.length > 0) {
    lines.push('#### 🔐 Privilege-relevant changes', '');
    for (const c of privileged) {
      const deltas = c.attributes.map((a) => ({ a, d: listDelta(a) })).filter(({ d }) => d && c.action === 'update');
      const detail = deltas.length > 0 ? `: ${deltas.map(({ a, d }) => `${code(a.path)} ${code(d!)}`).join('; ')}` : '';
      lines.push(`- **${c.privilege}** ${elementLine(c)}${detail}`);
    }
    lines.push('');
  }
  lines.push(...importsSection(head, base));
  const sections: [string, ElementChange[]][] = [
    ['Added', of('create').filter((c) => !imported.has(c.address))],
    ['Changed', [...of('update'), ...replaced]],
    ['Destroyed', destroyed],
    ['Lookups and policy documents (data sources)', lookups],
    ['Variables and outputs', diff.changes.filter((c) => c.kind === 'variable' || c.kind === 'output')],
  ];
  for (const [title, changes] of sections) {
    if (changes.length === 0) continue;
    // A whole new stack would drown the comment in attribute tables: list it, detail only what governs access.
    const render = (c: ElementChange) => (diff.status === 'new' && !c.privilege ? `- ${elementLine(c)}` : changeDetails(c));
    lines.push(`#### ${title} (${changes.length})`, '', ...changes.map(render), '');
  }
  lines.push(...guardrailSection(head, base), '');
  if (plan !== undefined) lines.push('<details><summary>terraform plan</summary>', '', '```', plan.trim(), '```', '', '</details>', '');
  return lines.join('\n');
}

function summaryRow(diff: StackDiff, head: SynthStack | undefined): string {
  const imported = new Set(importBlocksOf(head).map((b) => b.to));
  const count = (action: ElementChange['action']) =>
    diff.changes.filter((c) => c.kind === 'resource' && c.action === action && !(action === 'create' && imported.has(c.address))).length;
  const errors = (head?.annotations ?? []).filter((a) => isGuardrail(a) && levelOf(a) === 'error').length;
  const privileged = diff.changes.filter((c) => c.privilege).length;
  return `| ${code(diff.stack)} | ${count('create')} | ${count('update')} | ${count('replace')} | ${count('destroy')} | ${privileged} | ${errors === 0 ? '✅' : `❌ ${errors}`} | ${planCostCell(head)} |`;
}

/** Objects a plan of the stack reads on refresh (Okta / OPA / ServiceNow) and its minutes of the Okta budget. */
function planCostCell(head: SynthStack | undefined): string {
  if (!head) return '–';
  const { reads, oktaMinutes } = planCost(head.json as Parameters<typeof planCost>[0]);
  return `${reads.okta} / ${reads.oktapam} / ${reads.servicenow} (${oktaMinutes} min)`;
}

/** The whole review as one pull-request comment, plus one document per stack. */
export function renderReview(input: ReviewInput): ReviewReport {
  const perStack: Record<string, string> = {};
  for (const diff of input.diffs) {
    const head = input.head.find((s) => s.name === diff.stack);
    const base = input.base.find((s) => s.name === diff.stack);
    perStack[diff.stack] = renderStack(diff, head, base, input.plans?.[diff.stack]);
  }
  const header = [
    COMMENT_MARKER,
    `## Plan review: ${code(input.baseRef)} → ${input.headLabel}`,
    '',
    'Compares the synthesized Terraform of every stack; no credentials were used. Secrets are masked.',
    `A plan refreshes every object of a stack: the last column is what that reads, and the minutes of the Okta org's Management API budget at ${OKTA_READS_PER_MINUTE} reads a minute (docs/bounded-plans.md).`,
    '',
    '| stack | add | change | replace | destroy | privilege-relevant | guardrails | plan reads: Okta / OPA / ServiceNow (Okta minutes) |',
    '|---|---|---|---|---|---|---|---|',
    ...input.diffs.map((d) =>
      summaryRow(
        d,
        input.head.find((s) => s.name === d.stack),
      ),
    ),
    '',
  ].join('\n');
  let markdown = header;
  for (const diff of input.diffs.filter((d) => d.status !== 'unchanged')) {
    const next = `${perStack[diff.stack]}\n`;
    if (markdown.length + next.length > MAX_COMMENT) {
      markdown += `\n_Report truncated to fit one comment: download the \`plan-review\` artifact for ${code(diff.stack)} and the remaining stacks._\n`;
      break;
    }
    markdown += `\n${next}`;
  }
  return { markdown, perStack };
}
