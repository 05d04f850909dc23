import { SECTION_VARIABLES } from '../../contract/sections';
import { SECTION_SCHEMAS } from '../../src/config/load';

/**
 * The contract lists the variables each configuration section reads (the bridge stack sets exactly those on each
 * function); the bridge's zod schema of the section must validate exactly those, no more (a variable the stack never
 * sets) and no fewer (a variable set but never checked).
 */
describe('configuration sections', () => {
  test('the contract and the zod schemas name the same sections', () => {
    expect(Object.keys(SECTION_SCHEMAS).sort()).toEqual(Object.keys(SECTION_VARIABLES).sort());
  });

  test.each(Object.keys(SECTION_VARIABLES) as Array<keyof typeof SECTION_VARIABLES>)(
    '%s: the schema validates exactly the variables the contract lists',
    (section) => {
      expect(Object.keys(SECTION_SCHEMAS[section].shape).sort()).toEqual([...SECTION_VARIABLES[section]].sort());
    },
  );
});
