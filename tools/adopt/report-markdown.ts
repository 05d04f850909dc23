import type { PlannedResource } from './import-plan';
import type { CallStats } from './paced-fetch';
import { FINDING_TITLES, type FindingKind, type Findings } from './report';

export interface ReportInput {
  readonly environment: string;
  readonly planned: readonly PlannedResource[];
  readonly findings: Findings;
  readonly calls: Readonly<Record<string, CallStats>>;
  readonly elapsedMs: number;
}

/** `<env>.adoption.md`: the first plan in numbers, then every finding by kind, then what is new. */
export function adoptionReport(input: ReportInput): string {
  const imported = input.planned.filter((p) => p.action === 'import');
  const added = input.planned.filter((p) => p.action === 'add');
  const lines = [
    `# Adoption of ${input.environment}`,
    '',
    `First plan: import ${imported.length}, add ${added.length}. Read in ${(input.elapsedMs / 1000).toFixed(1)} s with ` +
      Object.entries(input.calls)
        .map(([api, s]) => `${s.calls} ${api} calls (${s.rateLimited} rate-limited, ${Math.round(s.waitedMs)} ms waited)`)
        .join(', ') +
      '.',
    '',
  ];
  for (const kind of Object.keys(FINDING_TITLES) as FindingKind[]) {
    const found = input.findings.of(kind);
    if (found.length === 0) continue;
    lines.push(`## ${FINDING_TITLES[kind]} (${found.length})`, '');
    // Many objects with the same reason (hundreds of plain groups, say) share one line that still names each.
    const byDetail = new Map<string, string[]>();
    for (const finding of found) byDetail.set(finding.detail, [...(byDetail.get(finding.detail) ?? []), finding.object]);
    for (const [detail, objects] of byDetail) {
      if (objects.length > 3) lines.push(`- ${objects.length} objects: ${detail}: ${objects.join(', ')}`);
      else for (const object of objects) lines.push(`- ${object}: ${detail}`);
    }
    lines.push('');
  }
  if (added.length > 0) {
    const aws = added.filter((p) => p.type.startsWith('aws_'));
    const others = added.filter((p) => !p.type.startsWith('aws_'));
    lines.push(`## New: created by the first apply (${added.length})`, '');
    if (aws.length > 0)
      lines.push(`- ${aws.length} resources of the bridge on AWS (${[...new Set(aws.map((p) => p.stack))].join(', ')}): the project's own infrastructure`);
    for (const p of others) lines.push(`- \`${p.key}\` (${p.stack}): ${p.reason}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
