import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { withScratchTree } from '../helpers/scratch-tree';

const RUN_CHECKS = join(__dirname, '..', '..', 'scripts', 'run-checks.js');

/** Runs scripts/run-checks.js in a scratch package whose four checks are the given shell commands. */
function runChecks(scripts: Record<string, string>, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const files = {
    'package.json': JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, scripts }),
    // A binary of the package's own, as an installed tool (biome, depcruise) would be.
    'node_modules/.bin/scratch-tool': '#!/bin/sh\necho "scratch-tool ran with $1"\n',
  };
  return withScratchTree('run-checks', files, (dir) => {
    chmodSync(join(dir, 'node_modules', '.bin', 'scratch-tool'), 0o755);
    const result = spawnSync(process.execPath, [RUN_CHECKS, ...args], { cwd: dir, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  });
}

const passing = (name: string) => `node -e "console.log('${name} output')"`;

describe('npm run checks (scripts/run-checks.js)', () => {
  test('runs the four checks and passes when all pass, printing each output under its name', () => {
    const result = runChecks({
      typecheck: passing('typecheck'),
      'lint:boundaries': passing('boundaries'),
      lint: passing('lint'),
      'format:check': passing('format'),
    });
    expect(result.status).toBe(0);
    for (const [name, output] of [
      ['typecheck', 'typecheck output'],
      ['lint:boundaries', 'boundaries output'],
      ['lint', 'lint output'],
      ['format:check', 'format output'],
    ]) {
      expect(result.stdout).toMatch(new RegExp(`── ${name}: passed in [0-9.]+ s\\n${output}`));
    }
    expect(result.stdout).toContain('checks passed: typecheck, lint:boundaries, lint, format:check');
  });

  test('fails when one check fails, names it, and still runs and prints the others', () => {
    const result = runChecks({
      typecheck: passing('typecheck'),
      'lint:boundaries': passing('boundaries'),
      lint: `node -e "console.error('no-unused-vars in a.ts'); process.exit(1)"`,
      'format:check': passing('format'),
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/── lint: FAILED \(exit 1\) in [0-9.]+ s\nno-unused-vars in a\.ts/);
    expect(result.stdout).toContain('format output');
    expect(result.stdout).toContain('checks failed: lint (run `npm run lint` to see it alone)');
  });

  test("runs each script as npm run would, with the package's own binaries on PATH, without starting npm", () => {
    const result = runChecks({
      typecheck: 'scratch-tool --project',
      'lint:boundaries': passing('boundaries'),
      lint: passing('lint'),
      'format:check': passing('format'),
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/── typecheck: passed in [0-9.]+ s\nscratch-tool ran with --project/);
  });

  test('fails, naming it, when package.json lacks the script of a check', () => {
    const result = runChecks({ typecheck: passing('typecheck') }, ['typecheck', 'lint']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('package.json has no script lint; each check is the package.json script of its name');
  });

  test('refuses a check it does not know, listing the ones it has', () => {
    const result = runChecks({}, ['lint', 'spelling']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown check spelling; the checks are typecheck, lint:boundaries, lint, format:check');
  });
});
