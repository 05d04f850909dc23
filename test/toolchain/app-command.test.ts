import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthNodeArgs } from '../../tools/synth/app-command';

const ROOT = join(__dirname, '..', '..');

/** A scratch checkout whose cdktf.json runs `app`. */
function checkoutWith(app: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-command-'));
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app }));
  return dir;
}

describe('the node arguments of cdktf.json (tools/synth/app-command.ts)', () => {
  test("this checkout's: the young-generation size for large synths and the SWC hook, by absolute path", () => {
    expect(synthNodeArgs(ROOT)).toEqual(['--max-semi-space-size=64', '-r', join(ROOT, 'scripts', 'register-swc.js')]);
  });

  test('each -r module relative to its checkout, other arguments as written', () => {
    const dir = checkoutWith('node --stack-size=2000 -r ./hooks/a.js --require ./hooks/b.js -r ts-node/register main.ts');
    try {
      expect(synthNodeArgs(dir)).toEqual([
        '--stack-size=2000',
        '-r',
        join(dir, 'hooks', 'a.js'),
        '--require',
        join(dir, 'hooks', 'b.js'),
        '-r',
        'ts-node/register',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an app command that is not node running main.ts is refused, naming the file and the command', () => {
    const dir = checkoutWith('npx ts-node main.ts');
    try {
      expect(() => synthNodeArgs(dir)).toThrow(`${join(dir, 'cdktf.json')}: the app command "npx ts-node main.ts" is not "node [flags] main.ts"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
