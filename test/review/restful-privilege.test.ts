import { privilegeKind } from '../../tools/review/privilege';
import { replacementCauses } from '../../tools/review/replacement';

describe('plan review: OPA AD accounts through magodo/restful', () => {
  test('restful resources and operations are called out as Privileged Access changes', () => {
    expect(privilegeKind('restful_resource')).toBe('Privileged Access');
    expect(privilegeKind('restful_operation')).toBe('Privileged Access');
  });
  test('a changed restful path is a replacement; a changed body is an update', () => {
    expect(replacementCauses('restful_resource', ['path', 'body.name'])).toEqual(['path']);
    expect(replacementCauses('restful_resource', ['body.organizational_units[0]'])).toEqual([]);
  });
});
