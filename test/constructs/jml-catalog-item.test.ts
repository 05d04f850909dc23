import { Testing } from 'cdktf';
import { JmlCatalogItem, type JmlCatalogItemProps } from '../../constructs/jml-catalog-item';

const props: JmlCatalogItemProps = {
  catalog: { title: 'Service Catalog', existing: true },
  category: { title: 'User lifecycle', description: 'Lifecycle requests.' },
  item: { name: 'User lifecycle request', shortDescription: 'JML', description: 'JML requests.' },
  departments: [{ value: 'engineering', text: 'Engineering' }],
  roles: [{ value: 'sre', text: 'Site Reliability Engineer' }],
  requesterRoleIds: ['role-sys-id'],
};

describe('JmlCatalogItem', () => {
  test('fails listing every invalid choice list and an empty requester list at once', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new JmlCatalogItem(scope, 'Item', {
          ...props,
          departments: [
            { value: 'engineering', text: 'Engineering' },
            { value: 'engineering', text: 'Engineering again' },
          ],
          roles: [],
          requesterRoleIds: [],
        });
      }),
    ).toThrow(
      'JmlCatalogItem initialization failed due to the following validation error(s):\n' +
        '- departments has the choice value "engineering" twice; give each choice a unique value\n' +
        '- roles has no choices; the item needs at least one\n' +
        '- requesterRoleIds is empty, so nobody could order the item; pass at least one role',
    );
  });

  test('attaches every choice to its own variable', () => {
    const json = JSON.parse(Testing.synthScope((scope) => void new JmlCatalogItem(scope, 'Item', props)));
    const variables = json.resource.servicenow_service_catalog_variable as Record<string, { name: string }>;
    const idOf = (name: string) => `\${servicenow_service_catalog_variable.${Object.entries(variables).find(([, v]) => v.name === name)![0]}.id}`;
    const choices = Object.values(json.resource.servicenow_question_choice as Record<string, { question: string; value: string }>);
    expect(choices.filter((c) => c.question === idOf('jml_department')).map((c) => c.value)).toEqual(['engineering']);
    expect(choices.filter((c) => c.question === idOf('jml_title')).map((c) => c.value)).toEqual(['sre']);
    expect(choices.filter((c) => c.question === idOf('jml_action'))).toHaveLength(4);
  });
});
