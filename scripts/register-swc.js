/**
 * A require hook that transpiles TypeScript with SWC, for `cdktf synth` (see cdktf.json) and the tools that synthesize
 * as it does (the plan review and the synth benchmark, through tools/synth/app-command.ts).
 *
 * ts-node installs source-map support, and cdktf captures a stack trace for every token it creates; formatting
 * those traces through source maps cost about a third of a large synth (docs/benchmarks.md). Type checking is
 * `npm run typecheck`'s job, so synth only needs the fastest faithful transpile. ts-node stays for everything else
 * (`npm run bench`, the other tools, anyone running `npx ts-node main.ts`); test/toolchain/synth-paths.test.ts proves that
 * both paths synthesize the same app byte for byte.
 */
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
