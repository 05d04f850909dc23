import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The node arguments `cdktf synth` runs the app of the checkout at `root` with: cdktf.json's `app` command
 * (`node <flags> -r <hook> main.ts`) without `node` and the entry point, each `-r` module made absolute. Tools that
 * synthesize the way the CLI does (the plan review, the synth benchmark) take them from here, so a flag added to
 * cdktf.json applies to them too. A checkout whose command is not `node ... main.ts` is refused, naming it.
 */
export function synthNodeArgs(root: string): string[] {
  const file = path.join(root, 'cdktf.json');
  const { app } = JSON.parse(fs.readFileSync(file, 'utf8')) as { app?: unknown };
  const words = typeof app === 'string' ? app.trim().split(/\s+/) : [];
  if (words[0] !== 'node' || words.at(-1) !== 'main.ts') {
    throw new Error(`${file}: the app command ${JSON.stringify(app)} is not "node [flags] main.ts"; the synth tools run main.ts with node themselves`);
  }
  const args = words.slice(1, -1);
  return args.map((arg, i) => ((args[i - 1] === '-r' || args[i - 1] === '--require') && arg.startsWith('.') ? path.resolve(root, arg) : arg));
}
