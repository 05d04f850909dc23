import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const all = { ...pkg.dependencies, ...pkg.devDependencies };

describe('dependency pins (renovate.json keeps them current)', () => {
  test('every dependency is pinned to one exact version (an npm alias to one exact version of its package)', () => {
    expect(Object.entries(all).filter(([, version]) => !/^(npm:(@[\w.-]+\/)?[\w.-]+@)?\d+\.\d+\.\d+$/.test(version))).toEqual([]);
  });

  test('ts-node loads TypeScript 5 (it needs its JavaScript API); the type check runs TypeScript 7', () => {
    expect(require(require.resolve('typescript', { paths: [dirname(require.resolve('ts-node/package.json'))] })).version).toMatch(/^5\./);
    expect(all['typescript-native']).toMatch(/^npm:typescript@7\./);
    expect(pkg.scripts.typecheck).toBe('node node_modules/typescript-native/bin/tsc -p tsconfig.json');
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
