import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { withScratchTree } from '../helpers/scratch-tree';

const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript-native', 'bin', 'tsc');

/** TypeScript 7 (the type check of `npm test`) over `source`, under the repository's compiler options. */
function typecheck(source: string): { status: number | null; output: string } {
  // The scratch folder has no node_modules, so no ambient types; everything else is the repository's tsconfig.
  const config = { extends: join(ROOT, 'tsconfig.json'), compilerOptions: { types: [], incremental: false }, include: ['*.ts'] };
  return withScratchTree('typecheck', { 'tsconfig.json': JSON.stringify(config), 'probe.ts': source }, (dir) => {
    const result = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  });
}

describe('npm run typecheck (TypeScript 7, tsconfig.json)', () => {
  test('fails on a type error and on an unused local, naming file, line and code', () => {
    const { status, output } = typecheck('const unused = 1;\nexport const n: number = "x";\nexport function f(a?: string): number {\n  return a.length;\n}\n');
    expect(status).toBe(1);
    expect(output).toContain("probe.ts(1,7): error TS6133: 'unused' is declared but its value is never read.");
    expect(output).toContain("probe.ts(2,14): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(output).toContain("probe.ts(4,10): error TS18048: 'a' is possibly 'undefined'.");
  });

  test('passes strict, decorated code', () => {
    const { status, output } = typecheck('function sealed(_target: unknown): void {}\n@sealed\nexport class Probe {\n  readonly n: number = 1;\n}\n');
    expect({ status, output }).toEqual({ status: 0, output: '' });
  });
});
