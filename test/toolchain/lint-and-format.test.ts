import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withScratchTree } from '../helpers/scratch-tree';

const ROOT = join(__dirname, '..', '..');
const BIOME = join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

interface Diagnostic {
  readonly category: string;
  readonly location: { readonly path: string };
}

/**
 * Runs Biome with the repository's configuration (biome.jsonc) in a scratch tree holding `files` at their paths, so
 * each file meets the overrides its path selects. The scratch tree is no git repository, so the .gitignore lookup is
 * off there.
 */
function biome(command: 'lint' | 'format', files: Record<string, string>): { status: number | null; diagnostics: Diagnostic[] } {
  return withScratchTree('lint-config', { 'biome.jsonc': readFileSync(join(ROOT, 'biome.jsonc'), 'utf8'), ...files }, (dir) => {
    const result = spawnSync(process.execPath, [BIOME, command, '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', '.'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: result.status, diagnostics: (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics };
  });
}

/** The lint rules each file broke, sorted. */
function lint(files: Record<string, string>): Record<string, string[]> {
  const broken: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((file) => [file, []]));
  for (const diagnostic of biome('lint', files).diagnostics) broken[diagnostic.location.path]?.push(diagnostic.category.replace(/^lint\//, ''));
  return Object.fromEntries(Object.entries(broken).map(([file, rules]) => [file, rules.sort()]));
}

/** The formatter's output for `text` at `file` (a TypeScript path), under the repository's configuration. */
function format(file: string, text: string): string {
  const result = spawnSync(process.execPath, [BIOME, 'format', `--stdin-file-path=${file}`], { cwd: ROOT, input: text, encoding: 'utf8' });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return result.stdout;
}

describe('lint and format configuration (biome.jsonc)', () => {
  test('lint fails on real mistakes in TypeScript, plain JavaScript and the ServiceNow scripts', () => {
    const broken = lint({
      'bridge/src/probe.ts': 'export function f(): number {\n  const unused = 1;\n  debugger;\n  return 2;\n}\n',
      'scripts/probe.js': "const path = require('node:path');\nmodule.exports = notDeclared + path.sep;\n",
      'servicenow/scripts/Probe.js': "var Probe = Class.create();\nProbe.prototype = { run: function () { return gs.getProperty('x') + undeclaredThing; } };\n",
    });
    expect(broken).toEqual({
      'bridge/src/probe.ts': ['correctness/noUnusedVariables', 'suspicious/noDebugger'],
      'scripts/probe.js': ['correctness/noUndeclaredVariables'],
      'servicenow/scripts/Probe.js': ['correctness/noUndeclaredVariables'],
    });
  });

  test("lint accepts the tree's deliberate idioms: Terraform `${...}` strings, non-null assertions, any, ES5 in the ServiceNow scripts", () => {
    const broken = lint({
      'stacks/probe.ts': "export const role = '${aws_iam_role.worker.arn}';\nexport const first = (x: { a?: any[] }): any => x.a![0];\n",
      'servicenow/scripts/Probe.js':
        "var Probe = Class.create();\nProbe.prototype = { run: function (n) { try { return 'n: ' + n; } catch (e) { return ''; } } };\n",
    });
    expect(broken).toEqual({ 'stacks/probe.ts': [], 'servicenow/scripts/Probe.js': [] });
  });

  test('format lays code out at 160 columns with single quotes and trailing commas, and leaves the ServiceNow scripts as written', () => {
    expect(format('constructs/probe.ts', 'const a = {b: "c", d: [1,2]}\n')).toBe("const a = { b: 'c', d: [1, 2] };\n");
    const long = `call(${Array.from({ length: 16 }, (_, i) => `argument${i}`).join(', ')});\n`;
    expect(format('constructs/probe.ts', long)).toBe(`call(\n${Array.from({ length: 16 }, (_, i) => `  argument${i},\n`).join('')});\n`);
    const misformatted = 'var a = {b: "c"}\n';
    expect(biome('format', { 'servicenow/scripts/Probe.js': misformatted }).status).toBe(0);
    expect(biome('format', { 'scripts/probe.js': misformatted }).status).toBe(1);
  });
});
