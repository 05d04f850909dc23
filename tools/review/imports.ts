import type { SynthStack } from './synth-output';

/** A Terraform import block as cdktf synthesizes it (`importFrom`): the resource address and the existing object's id. */
export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

/** The stack's import blocks (adopted objects, approval sequences, request settings). */
export function importBlocksOf(stack: SynthStack | undefined): ImportBlock[] {
  const blocks = stack?.json.import;
  return Array.isArray(blocks) ? (blocks as ImportBlock[]).filter((b) => typeof b?.to === 'string' && typeof b?.id === 'string') : [];
}

/**
 * "Imports (N)": the existing objects the plan brings into state instead of creating (`<env>.imports.json`, written
 * by `npm run env:adopt`), new ones marked. An imported resource is listed here and not under "Added".
 */
export function importsSection(head: SynthStack | undefined, base: SynthStack | undefined): string[] {
  const blocks = importBlocksOf(head);
  if (blocks.length === 0) return [];
  const before = new Set(importBlocksOf(base).map((b) => `${b.to}|${b.id}`));
  const fresh = blocks.filter((b) => !before.has(`${b.to}|${b.id}`)).length;
  const lines = [
    `#### Imports (${blocks.length}${fresh < blocks.length ? `, ${fresh} new` : ''})`,
    '',
    'Existing objects brought into state, not created: check each id names the object you mean.',
    '',
  ];
  for (const block of [...blocks].sort((a, b) => a.to.localeCompare(b.to))) {
    lines.push(`- \`${block.to}\` ← \`${block.id.replace(/`/g, 'ˋ')}\`${before.has(`${block.to}|${block.id}`) ? '' : ' **(new)**'}`);
  }
  return [...lines, ''];
}
