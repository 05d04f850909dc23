import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const all = { ...pkg.dependencies, ...pkg.devDependencies };

describe('dependency pins (renovate.json keeps them current)', () => {
  test('every dependency is pinned to one exact version', () => {
    expect(Object.entries(all).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version))).toEqual([]);
  });

  test('the AWS SDK clients are pinned at one version, so they share one @smithy core (and one bundle copy of it)', () => {
    const versions = new Set(
      Object.entries(all)
        .filter(([name]) => name.startsWith('@aws-sdk/'))
        .map(([, version]) => version),
    );
    expect(versions.size).toBe(1);
  });
});
