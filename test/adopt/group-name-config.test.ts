import { managedGroupNames } from '../../config/naming';
import { exampleWith, problemsOf } from '../helpers/config';
import { declareForTest, resourcesOf, synthJson } from '../helpers/synth';

/** `groupName`: an adopted group keeps the Okta name it has, everywhere the project names it. */
describe('explicit group names', () => {
  const config = exampleWith((raw) => {
    raw.identity.departments[1].groupName = 'Dept: Finance';
    raw.identity.serverAccessGroups[0].groupName = 'PAM - Linux prod';
  });

  test('the identity stack declares the group and its rule under the explicit name; others keep the scheme', () => {
    const identity = synthJson(declareForTest(config).stacks.identity);
    const names = resourcesOf(identity, 'okta_group').map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['Dept: Finance', 'PAM - Linux prod', 'jml-dept-engineering']));
    expect(names).not.toContain('jml-dept-finance');
    expect(resourcesOf(identity, 'okta_group_rule').map((r) => r.name)).toContain('Dept: Finance');
  });

  test('the bridge recognises the group by the same name', () => {
    expect(managedGroupNames(config.identity)).toEqual(expect.arrayContaining(['Dept: Finance', 'PAM - Linux prod']));
  });

  test('two entries naming one Okta group are refused, naming both paths', () => {
    expect(
      problemsOf((raw) => {
        raw.identity.roles[0].groupName = 'jml-dept-engineering';
      }),
    ).toEqual([
      expect.stringMatching(
        /^identity\.roles\[0\]\.groupName: gives the Okta group name "jml-dept-engineering", which identity\.departments\[0\]\.key already gives/,
      ),
    ]);
  });

  test('a ruled group name longer than a rule name may be is refused at its groupName', () => {
    expect(
      problemsOf((raw) => {
        raw.identity.departments[0].groupName = 'x'.repeat(51);
      }),
    ).toEqual([expect.stringMatching(/^identity\.departments\[0\]\.groupName: gives the group rule name .* but Okta allows 50; rename the group in Okta/)]);
  });
});
