import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvironmentSelectionError } from '../../config/errors';
import { loadEnvironment, parseEnvironment, readEnvironmentText } from '../../config/load';
import { selectEnvironments } from '../../config/select';
import { exampleRaw, problemsOf } from '../helpers/config';
import { stringify } from 'yaml';

describe('environment configuration', () => {
  test('the example environment is valid and gets its defaults', () => {
    const config = loadEnvironment('example');
    expect(config.name).toBe('example');
    expect(config.identity.roles.find((r) => r.key === 'sre')?.attribute).toBe('title');
    expect(config.backend).toEqual({ type: 'local' });
  });

  test.each<[string, (raw: Record<string, any>) => void, RegExp]>([
    ['an unknown key', (raw) => (raw.identity.departmnts = []), /^identity\.departmnts: unknown key; remove it or fix its spelling/],
    [
      'a duplicate department key',
      (raw) => raw.identity.departments.push({ key: 'finance', value: 'Finance 2' }),
      /^identity\.departments\[4\]\.key: duplicate department key "finance" \(first used at index 1\)/,
    ],
    [
      'a duplicate server access group key',
      (raw) => raw.identity.serverAccessGroups.push({ key: 'eng-linux-prod', description: 'again' }),
      /^identity\.serverAccessGroups\[3\]\.key: duplicate server access group key "eng-linux-prod"/,
    ],
    [
      'a department name that cannot be expressed safely',
      (raw) => (raw.identity.departments[0].value = 'Engineering\nor true'),
      /^identity\.departments\[0\]\.value: must not contain control characters or line breaks/,
    ],
    [
      'a department name with an unpaired surrogate',
      (raw) => (raw.identity.departments[0].value = 'Eng\ud800'),
      /^identity\.departments\[0\]\.value: must be valid Unicode/,
    ],
    ['a missing required field', (raw) => delete raw.okta.orgName, /^okta\.orgName: is required \(expected string\); add it/],
    ['a missing section', (raw) => delete raw.identity, /^identity: is required/],
    ['a wrong type', (raw) => (raw.identity.departments = 'Engineering'), /^identity\.departments: must be a list, not string/],
    ['a bad key', (raw) => (raw.identity.roles[0].key = 'SRE Team'), /^identity\.roles\[0\]\.key: must be 1-40 characters of lowercase/],
    [
      'a non-https event hook',
      (raw) => (raw.identity.eventHook = { url: 'http://bridge.example.com/hook' }),
      /^identity\.eventHook\.url: must be an https:\/\/ URL/,
    ],
    ['an AWS account id that is not 12 digits', (raw) => (raw.aws.accountId = '1234'), /^aws\.accountId: must be the 12-digit AWS account id/],
    ['an unknown backend type', (raw) => (raw.backend = { type: 'gcs' }), /^backend\.type: /],
    [
      'a public key that is too short',
      (raw) => (raw.identity.serviceApp.publicKeys[0].n = 'abc'),
      /^identity\.serviceApp\.publicKeys\[0\]\.n: must be a base64url RSA modulus of at least 2048 bits/,
    ],
  ])('fails on %s with a message naming the path', (_name, change, expected) => {
    expect(problemsOf(change)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test('fails on a group rule name over 50 characters, naming the limit and the fix', () => {
    const problems = problemsOf((raw) => {
      raw.identity.groupPrefix = 'platformteam';
      raw.identity.departments[0].key = 'a'.repeat(40);
    });
    expect(problems).toContain(
      `identity.departments[0].key: gives the group rule name "platformteam-dept-${'a'.repeat(40)}" (58 characters) but Okta allows 50; shorten the key or groupPrefix`,
    );
  });

  test('reports every problem at once', () => {
    const problems = problemsOf((raw) => {
      raw.identity.extra = true;
      delete raw.okta.orgName;
      raw.aws.region = 'Ireland';
    });
    expect(problems).toHaveLength(3);
  });

  test('points at the line of the problem in the file', () => {
    const raw = exampleRaw();
    raw.aws.region = 'Ireland';
    const text = stringify(raw);
    const expectedLine = text.split('\n').findIndex((line) => line.includes('Ireland')) + 1;
    expect(() => parseEnvironment(text, 'x.yaml')).toThrow(new RegExp(`aws\\.region: must be an AWS region .* \\(line ${expectedLine}\\)`));
  });

  test('fails on YAML syntax errors and duplicate keys with their line', () => {
    expect(() => parseEnvironment('name: a\nname: b\n', 'dup.yaml')).toThrow(/dup\.yaml failed validation[\s\S]*YAML syntax: .*(line 2)/);
  });

  describe('JSON text, which the test helpers write their variants as (test/helpers/config.ts)', () => {
    test('reads as the same data as YAML 1.2, for every UTF-16 code unit in keys and values', () => {
      // 256 strings of 256 code units each, every unit between two letters: a scalar per unit would take seconds to read.
      const chunks = Array.from({ length: 256 }, (_, high) => Array.from({ length: 256 }, (_, low) => String.fromCharCode(high * 256 + low)).join('a'));
      const data = {
        values: chunks,
        keys: Object.fromEntries(chunks.map((chunk, i) => [chunk, i])),
        numbers: [0, -1, 1.5e-7, 1e21],
        empty: [{}, [], '', null],
      };
      expect(readEnvironmentText(JSON.stringify(data), 'units.json').data).toEqual(data);
    });

    test('validates to the same configuration as the example file itself', () => {
      expect(parseEnvironment(JSON.stringify(exampleRaw()), 'example.yaml')).toEqual(loadEnvironment('example'));
    });
  });

  describe('selecting environments', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envs-'));
      for (const name of ['alpha', 'beta']) {
        const raw = exampleRaw();
        raw.name = name;
        fs.writeFileSync(path.join(dir, `${name}.yaml`), stringify(raw));
      }
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('selects every environment by default, sorted', () => {
      expect(selectEnvironments(undefined, dir).map((c) => c.name)).toEqual(['alpha', 'beta']);
    });

    test('selects the named environments only', () => {
      expect(selectEnvironments(' beta ', dir).map((c) => c.name)).toEqual(['beta']);
    });

    test('fails on an unknown environment, listing the known ones', () => {
      expect(() => selectEnvironments('gamma', dir)).toThrow(EnvironmentSelectionError);
      expect(() => selectEnvironments('gamma', dir)).toThrow(/no environment "gamma": create gamma\.yaml .*known: alpha, beta/);
    });

    test('fails when the name inside the file differs from the file name', () => {
      const raw = exampleRaw();
      raw.name = 'other';
      fs.writeFileSync(path.join(dir, 'alpha.yaml'), stringify(raw));
      expect(() => selectEnvironments('alpha', dir)).toThrow(/name: is "other" but the file is alpha\.yaml; make them equal/);
    });
  });
});
