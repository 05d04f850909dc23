import { durationMinutes } from '../../config/schema/governance';
import { exampleWith, validationMessageOf } from '../helpers/config';

describe('governance configuration', () => {
  test('the example validates, with defaults applied', () => {
    const governance = exampleWith().governance!;
    expect(governance.requestOnBehalfOf).toBe(false);
    expect(governance.conditions.map((c) => [c.key, c.durationChosenBy])).toEqual([
      ['eng-linux-sre', 'requester'],
      ['eng-windows-dba', 'admin'],
      ['finance-windows', 'requester'],
    ]);
    expect(governance.conditions[1]!.requesters.departments).toEqual([]);
  });

  test('fails naming the path when a condition references an unknown department', () => {
    expect(validationMessageOf((raw) => raw.governance.conditions[0].requesters.departments.push('marketing'))).toMatch(
      /- governance\.conditions\[0\]\.requesters\.departments\[1\]: unknown department "marketing"; use one declared in identity\.departments \(engineering, finance, sales, legal\) or declare it there/,
    );
  });

  test('fails naming the path when a condition references an unknown role', () => {
    expect(validationMessageOf((raw) => (raw.governance.conditions[1].requesters.roles = ['dba', 'dbas']))).toMatch(
      /- governance\.conditions\[1\]\.requesters\.roles\[1\]: unknown role "dbas"; use one declared in identity\.roles \(sre, dba, finance-analyst\)/,
    );
  });

  test('fails naming the path when the access scope names an unknown server access group', () => {
    expect(validationMessageOf((raw) => (raw.governance.conditions[2].accessScope = ['finance-linux']))).toMatch(
      /- governance\.conditions\[2\]\.accessScope\[0\]: unknown server access group "finance-linux"; use one declared in identity\.serverAccessGroups/,
    );
  });

  test('fails naming the path when a duration is over the ceiling, comparing across units', () => {
    const message = validationMessageOf((raw) => {
      raw.governance.accessDurationCeiling = 'PT24H';
      raw.governance.conditions[0].accessDuration = 'PT1440M';
      raw.governance.conditions[2].accessDuration = 'P2D';
    });
    expect(message).toMatch(
      /- governance\.conditions\[2\]\.accessDuration: P2D is longer than governance\.accessDurationCeiling PT24H; shorten it or raise the ceiling/,
    );
    expect(message).not.toMatch(/conditions\[0\]\.accessDuration/);
  });

  test('reports every problem at once', () => {
    const message = validationMessageOf((raw) => {
      raw.governance.conditions[0].requesters.roles = ['nobody'];
      raw.governance.conditions[1].accessDuration = 'P30D';
    });
    expect(message).toMatch(/conditions\[1\]\.accessDuration: P30D is longer/);
    expect(message).toMatch(/conditions\[0\]\.requesters\.roles\[0\]: unknown role "nobody"/);
  });

  test.each([['P1DT2H'], ['PT0H'], ['8h'], ['P1W']])('refuses the duration %s (Okta accepts one unit of D, H or M)', (duration) => {
    expect(validationMessageOf((raw) => (raw.governance.conditions[0].accessDuration = duration))).toMatch(
      /governance\.conditions\[0\]\.accessDuration: must be an ISO 8601 duration of a single unit/,
    );
  });

  test('refuses a condition nobody may request', () => {
    expect(validationMessageOf((raw) => (raw.governance.conditions[0].requesters = {}))).toMatch(
      /governance\.conditions\[0\]\.requesters: name at least one department or role/,
    );
  });

  test('refuses duplicate condition keys', () => {
    expect(validationMessageOf((raw) => (raw.governance.conditions[1].key = 'eng-linux-sre'))).toMatch(
      /governance\.conditions\[1\]\.key: duplicate request condition key "eng-linux-sre"/,
    );
  });

  test('durationMinutes compares days, hours and minutes', () => {
    expect(durationMinutes('P2D')).toBe(2880);
    expect(durationMinutes('PT8H')).toBe(480);
    expect(durationMinutes('PT30M')).toBe(30);
    expect(() => durationMinutes('P1DT1H')).toThrow(/"P1DT1H" is not a single-unit ISO 8601 duration/);
  });
});
