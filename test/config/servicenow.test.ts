import { exampleWith, problemsOf } from '../helpers/config';

describe('servicenow configuration section', () => {
  test('applies its defaults to a section with only the instance', () => {
    const config = exampleWith((raw) => (raw.servicenow = { instanceUrl: 'https://example-instance.service-now.com' }));
    expect(config.servicenow).toEqual({
      instanceUrl: 'https://example-instance.service-now.com',
      catalog: { title: 'Service Catalog', existing: true },
      category: { title: 'User lifecycle' },
      catalogItem: { name: 'User lifecycle request', shortDescription: 'Joiner, mover, leaver or rehire in Okta, after approval' },
      requesters: { roleSuffix: 'jml_requester', existingRoles: [] },
      integration: { roleSuffix: 'jml_bridge_integration', manageAcls: true },
    });
  });

  test.each<[string, (raw: Record<string, any>) => void, RegExp]>([
    ['plain http', (raw) => (raw.servicenow.instanceUrl = 'http://example-instance.service-now.com'), /^servicenow\.instanceUrl: must be an https:\/\/ URL/],
    [
      'a trailing slash',
      (raw) => (raw.servicenow.instanceUrl = 'https://example-instance.service-now.com/'),
      /^servicenow\.instanceUrl: must not end with "\/"/,
    ],
    [
      'an instance other than the one the bridge writes back to',
      (raw) => (raw.servicenow.instanceUrl = 'https://other.service-now.com'),
      /^servicenow\.instanceUrl: is https:\/\/other\.service-now\.com but bridge\.serviceNowInstanceUrl is https:\/\/example-instance\.service-now\.com; .* set both to the same URL/,
    ],
    [
      'no role on the title attribute',
      (raw) => raw.identity.roles.forEach((role: Record<string, string>) => (role.attribute = 'costCenter')),
      /^identity\.roles: has no role on the "title" attribute \(roles: sre on costCenter, dba on costCenter, finance-analyst on costCenter\)/,
    ],
    [
      'a role name with capitals',
      (raw) => (raw.servicenow.requesters.existingRoles = ['HR Partner']),
      /^servicenow\.requesters\.existingRoles\[0\]: must be a ServiceNow role name/,
    ],
    ['an unknown key', (raw) => (raw.servicenow.catalogItem.price = '0'), /^servicenow\.catalogItem\.price: unknown key/],
  ])('fails for %s', (_name, change, expected) => {
    expect(problemsOf(change)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test('needs no title role when there is no servicenow section', () => {
    expect(() =>
      exampleWith((raw) => {
        delete raw.servicenow;
        raw.identity.roles.forEach((role: Record<string, string>) => (role.attribute = 'costCenter'));
      }),
    ).not.toThrow();
  });
});
