import * as fc from 'fast-check';
import { desiredProfile } from '../../src/domain/okta-profile';

describe('the Okta profile the bridge writes', () => {
  test('department, title and names are written in NFC (as the group rules compare them); identifiers exactly as sent', () => {
    const text = fc.string({ unit: fc.constantFrom('e\u0301', 'é', 'A\u030a', 'Å', 'n\u0303', 'x', ' '), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(text, text, text, (department, title, name) => {
        const login = `u\u0308ser@example.com`;
        const profile = desiredProfile({ login, email: login, employeeNumber: 'E1', firstName: name, lastName: name, department, title });
        expect(profile).toEqual({
          login,
          email: login,
          employeeNumber: 'E1',
          firstName: name.normalize('NFC'),
          lastName: name.normalize('NFC'),
          department: department.normalize('NFC'),
          title: title.normalize('NFC'),
        });
      }),
      { numRuns: 200 },
    );
  });
});
