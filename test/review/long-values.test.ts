import fc from 'fast-check';
import type { StackDiff } from '../../tools/review/diff';
import { renderStack } from '../../tools/review/markdown';
import { jsonLeafChanges, stringDelta, textChange } from '../../tools/review/value-delta';

describe('review: changes inside long and JSON-in-string values', () => {
  it('a string delta names exactly the text replaced, wherever it is in a long value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 150, maxLength: 600 }), fc.nat(), fc.string({ minLength: 1, maxLength: 20 }), (text, at, inserted) => {
        const position = at % (text.length + 1);
        const changed = text.slice(0, position) + inserted + text.slice(position);
        const { start, removed, added } = textChange(text, changed);
        // Rebuild the new text from the old one and the change: the change must be the whole difference.
        expect(removed).toBe('');
        expect(added.length).toBe(inserted.length);
        expect(text.slice(0, start) + added + text.slice(start)).toBe(changed);
        // The rendered delta carries exactly that run between its markers, whatever the text around it holds.
        const context = text.slice(Math.max(0, start - 24), start);
        expect(stringDelta(text, changed)).toContain(`${context}[+${added}+]`);
      }),
      // Found by CI: a text that itself holds the added marker `[+`.
      { examples: [[`   [+${' '.repeat(150)}`, 1005095681, '!']] },
    );
  });

  it('JSON held in a string is compared by its leaves', () => {
    const before = JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: ['sqs:SendMessage'], Resource: 'arn:a' }] });
    const after = JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: ['sqs:SendMessage', 'sqs:DeleteMessage'], Resource: 'arn:b' }] });
    expect(stringDelta(before, after)).toBe('Statement[0].Action: +"sqs:DeleteMessage"; Statement[0].Resource: "arn:a" → "arn:b"');
    expect(jsonLeafChanges({ a: 1 }, { a: 1, b: 2 })).toEqual(['b: +2']);
    expect(stringDelta('{"a":1}', '{ "a": 1 }')).toBe('same JSON value, formatting changed');
  });

  it('a changed group at the end of a long managed-groups list shows two different cells and the change', () => {
    const groups = Array.from({ length: 12 }, (_, i) => `jml-dept-department-number-${i}`);
    const before = JSON.stringify(groups);
    const after = JSON.stringify([...groups.slice(0, 11), 'jml-dept-department-renamed']);
    const diff: StackDiff = {
      stack: 'identity-example',
      status: 'changed',
      changes: [
        {
          address: 'okta_resource_set.Managed',
          type: 'okta_resource_set',
          kind: 'resource',
          action: 'update',
          attributes: [{ path: 'description', before, after }],
          replacedBy: [],
        },
      ],
    };
    const markdown = renderStack(diff, undefined, undefined);
    const row = markdown.split('\n').find((line) => line.startsWith('| `description`'))!;
    const [, , beforeCell, afterCell, delta] = row.split(/(?<!\\)\|/).map((c) => c.trim());
    expect(beforeCell).not.toBe(afterCell);
    expect(afterCell).toContain('renamed');
    expect(delta).toBe('`+"jml-dept-department-renamed", -"jml-dept-department-number-11"`');
  });
});
