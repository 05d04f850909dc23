import { diffStack } from '../../tools/review/diff';
import { renderReview, renderStack } from '../../tools/review/markdown';
import type { SynthStack } from '../../tools/review/synth-output';

const stack = (json: SynthStack['json']): SynthStack => ({ name: 'identity-acme', json, annotations: [], directory: '/nowhere' });

describe('plan review: imports', () => {
  const head = stack({
    resource: {
      okta_group: { Adopted_1: { name: 'Dept: Finance' }, Fresh_2: { name: 'jml-managed-users' } },
    },
    import: [{ to: 'okta_group.Adopted_1', id: '00gFINANCE0000000001' }],
  });

  test('lists imports in their own section and not as added', () => {
    const markdown = renderStack(diffStack('identity-acme', undefined, head.json), head, undefined);
    expect(markdown).toContain('#### Imports (1)');
    expect(markdown).toContain('- `okta_group.Adopted_1` ← `00gFINANCE0000000001` **(new)**');
    const added = markdown.slice(markdown.indexOf('#### Added'));
    expect(added).toMatch(/^#### Added \(1\)/);
    expect(added).toContain('okta_group.Fresh_2');
    expect(added).not.toContain('okta_group.Adopted_1');
  });

  test('the summary counts an imported resource as no addition', () => {
    const { markdown } = renderReview({
      baseRef: 'main',
      headLabel: 'adopt',
      diffs: [diffStack('identity-acme', undefined, head.json)],
      base: [],
      head: [head],
    });
    expect(markdown).toMatch(/\| `identity-acme` \| 1 \| 0 \| 0 \| 0 \|/);
  });

  test('an import already in the base is not marked new', () => {
    const markdown = renderStack(diffStack('identity-acme', head.json, head.json), head, head);
    expect(markdown).toContain('#### Imports (1, 0 new)');
    expect(markdown).not.toContain('**(new)**');
  });
});
