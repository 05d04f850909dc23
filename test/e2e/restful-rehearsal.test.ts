import { gjson, resolveValue, restfulTemplate } from '../../tools/restful-rehearsal/expressions';
import { shapeLike } from '../../tools/restful-rehearsal/rehearsal';

describe('restful rehearsal: the provider semantics it reproduces', () => {
  test('partial body tracking keeps only configured keys, so server-added fields never drift', () => {
    const body = { name: 'r', project: { id: 'p' }, organizational_units: ['OU=A'] };
    const remote = { id: 'x', priority: 2, name: 'r', project: { id: 'p', name: 'windows', type: 'project' }, organizational_units: ['OU=A'] };
    expect(shapeLike(body, remote)).toEqual(body);
    expect(shapeLike(body, { ...remote, organizational_units: ['OU=B'] })).toEqual({ ...body, organizational_units: ['OU=B'] });
    expect(shapeLike(body, { id: 'x' })).toEqual({ name: null, project: { id: null }, organizational_units: null });
  });

  test('read_path templates read the create response; unknown templates are refused', () => {
    expect(restfulTemplate('$(path)/$(body.id)', '/rules', { id: 'abc' })).toBe('/rules/abc');
    expect(() => restfulTemplate('$(path)/$(body.id)', '/rules', null)).toThrow(/has no body\.id/);
    expect(() => restfulTemplate('$(query.x)', '/p', {})).toThrow(/not supported/);
  });

  test('the gjson selector picks the first list element whose field equals the string', () => {
    const doc = {
      list: [
        { domain: 'a.example.com', id: '1' },
        { domain: 'corp.example.com', id: '2' },
      ],
    };
    expect(gjson(doc, 'list.#(domain=="corp.example.com")')).toEqual({ domain: 'corp.example.com', id: '2' });
    expect(gjson(doc, 'list.#(domain=="none")')).toBeUndefined();
  });

  test('whole interpolations keep their type; embedded ones become text', () => {
    const resolve = (e: string) => ({ 'a.b': 7, 'c.d': 'x' })[e];
    expect(resolveValue({ n: '${a.b}', s: '/p/${c.d}/q', l: ['${a.b}'] }, resolve)).toEqual({ n: 7, s: '/p/x/q', l: [7] });
  });
});
