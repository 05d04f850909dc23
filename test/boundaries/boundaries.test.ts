import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { withScratchTree } from '../helpers/scratch-tree';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.js');

/** Writes `files` into a fresh repository-shaped folder and runs the project's boundary rules over it. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const tsconfig = JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } });
  return withScratchTree('boundaries', { 'tsconfig.json': tsconfig, ...files }, (dir) => {
    const run = spawnSync(process.execPath, [CLI, '--config', CONFIG, '--output-type', 'err', ...new Set(Object.keys(files).map((f) => f.split('/')[0]))], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  });
}

const LEAVES = {
  'bridge/contract/routes.ts': "export const ROUTES = { intake: '/v1/jml' } as const;\n",
  'bridge/src/http/router.ts': "import { ROUTES } from '../../contract/routes';\nexport const paths = Object.values(ROUTES);\n",
  'bridge/dev/harness/stack.ts': "import { paths } from '../../src/http/router';\nexport const harness = paths;\n",
  'simulators/okta/simulator.ts': 'export const okta = 1;\n',
  'config/schema.ts': 'export const schema = 1;\n',
  'tools/review/cli.ts': 'export const review = 1;\n',
};

describe('import boundaries (npm run lint:boundaries, .dependency-cruiser.js)', () => {
  test('the right-way imports pass: infrastructure and bench use the contract and the harness, bridge/dev uses the product', () => {
    const { status, output } = cruise({
      ...LEAVES,
      'stacks/bridge-stack.ts': "import { ROUTES } from '../bridge/contract/routes';\nexport const r = ROUTES;\n",
      'bench/intake.ts': "import { harness } from '../bridge/dev/harness/stack';\nexport const h = harness;\n",
      'test/stacks/bridge.test.ts': "import { r } from '../../stacks/bridge-stack';\nexport const t = r;\n",
    });
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  // One cruise over a tree holding every wrong-way import (each CLI start costs about a second of CPU).
  const WRONG_WAY: ReadonlyArray<[what: string, file: string, text: string, rule: string]> = [
    [
      'a stack importing the bridge runtime',
      'stacks/bridge-stack.ts',
      "import { paths } from '../bridge/src/http/router';\nexport const p = paths;\n",
      'infrastructure-imports-only-the-bridge-contract',
    ],
    [
      'a construct importing bridge development tooling',
      'constructs/x/x.ts',
      "import { harness } from '../../bridge/dev/harness/stack';\nexport const h = harness;\n",
      'infrastructure-imports-only-the-bridge-contract',
    ],
    ['config importing a tool', 'config/load.ts', "import { review } from '../tools/review/cli';\nexport const r = review;\n", 'infrastructure-has-no-tooling'],
    [
      'the bridge product importing a simulator',
      'bridge/src/adapters/okta.ts',
      "import { okta } from '../../../simulators/okta/simulator';\nexport const o = okta;\n",
      'bridge-product-stays-product',
    ],
    [
      'the bridge product importing root config',
      'bridge/src/config/env.ts',
      "import { schema } from '../../../config/schema';\nexport const s = schema;\n",
      'bridge-product-stays-product',
    ],
    [
      'the bridge product importing its dev tooling',
      'bridge/src/handlers/intake.ts',
      "import { harness } from '../../dev/harness/stack';\nexport const h = harness;\n",
      'bridge-product-stays-product',
    ],
    [
      'the contract importing bridge code',
      'bridge/contract/manifest.ts',
      "import { paths } from '../src/http/router';\nexport const p = paths;\n",
      'bridge-contract-is-data-only',
    ],
    ['a bench importing a test tree', 'bench/cold-start.ts', "import { t } from '../test/helpers/t';\nexport const x = t;\n", 'only-tests-import-tests'],
  ];
  const wrong = cruise({ ...LEAVES, 'test/helpers/t.ts': 'export const t = 1;\n', ...Object.fromEntries(WRONG_WAY.map(([, file, text]) => [file, text])) });

  test.each(WRONG_WAY)('%s fails the check', (_what, file, _text, rule) => {
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toContain(`error ${rule}: ${file}`);
  });
});
