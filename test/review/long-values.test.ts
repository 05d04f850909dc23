import fc from 'fast-check';
import type { StackDiff } from '../../tools/review/diff';
import { renderStack } from '../../tools/review/markdown';
import { jsonLeafChanges, stringDelta } from '../../tools/review/value-delta';

/** Reads `[-removed-][+added+]` back out of a string delta. */
function parts(delta: string): { removed: string; added: string } {
  return { removed: /\[-([\s\S]*?)-\]/.exec(delta)?.[1] ?? '', added: /\[\+([\s\S]*?)\+\]/.exec(delta)?.[1] ?? '' };
}

describe('review: changes inside long and JSON-in-string values', () => {
  it('a string delta names exactly the text replaced, wherever it is in a long value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 150, maxLength: 600 }), fc.nat(), fc.string({ minLength: 1, maxLength: 20 }), (text, at, inserted) => {
        const position = at % (text.length + 1);
        const changed = text.slice(0, position) + inserted + text.slice(position);
        const { removed, added } = parts(stringDelta(text, changed)!);
        // Rebuild the new text from the old one and the delta: the delta must be the whole change.
        const start = changed.indexOf(added, Math.max(0, position - inserted.length - 1));
        expect(removed).toBe('');
        expect(added.length).toBe(inserted.length);
        expect(text.slice(0, start) + added + text.slice(start)).toBe(changed);
      }),
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
