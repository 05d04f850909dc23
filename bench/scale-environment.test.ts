import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../config/load';
import { scaleEnvironment, SERVER_GROUPS_PER_RESOURCE_GROUP } from './scale-environment';

const example = parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), 'utf8')) as Record<string, any>;

describe('scaleEnvironment', () => {
  test('grows identity and every section the example declares, and the result passes the environment schema', () => {
    const config = parseEnvironment(stringify(scaleEnvironment(example, 25)), 'scale-25.yaml');
    expect([config.identity.departments.length, config.identity.roles.length, config.identity.serverAccessGroups.length]).toEqual([25, 25, 25]);
    expect(config.governance?.conditions).toHaveLength(25);
    expect(config.governance?.conditions[7]).toMatchObject({ accessScope: ['srv-7'], requesters: { departments: ['dept-7'], roles: ['role-7'] } });
    if (example.privilegedAccess) {
      const groups = config.privilegedAccess?.resourceGroups ?? [];
      expect(groups).toHaveLength(Math.ceil(25 / SERVER_GROUPS_PER_RESOURCE_GROUP));
      expect(groups.flatMap((g) => g.policies[0].principals)).toEqual(Array.from({ length: 25 }, (_, i) => `srv-${i}`));
    }
  });

  test('leaves the example itself untouched and keeps its name, so the committed lookups still resolve', () => {
    const before = JSON.stringify(example);
    const scaled = scaleEnvironment(example, 3);
    expect(JSON.stringify(example)).toBe(before);
    expect(scaled.name).toBe('example');
  });
});
