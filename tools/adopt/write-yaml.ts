import { Document, isNode } from 'yaml';
import type { Note } from './assemble';

/** The environment file: a header, then the data with each note as a comment above its node. */
export function environmentYaml(raw: Record<string, unknown>, notes: readonly Note[], header: string): string {
  const doc = new Document(raw);
  doc.commentBefore = header;
  for (const note of notes) {
    const node = doc.getIn(note.path as unknown[], true);
    if (isNode(node)) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${note.text}` : note.text;
  }
  return doc.toString({ lineWidth: 0 });
}
