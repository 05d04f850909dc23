/**
 * A require hook that loads CDK Terrain (`cdktn`, the community continuation of CDKTF) wherever the app or a
 * provider binding asks for `cdktf`: `node -r ./scripts/resolve-cdktf-as-cdktn.js -r ./scripts/register-swc.js main.ts`.
 *
 * Step 1 of docs/cdktn-exit-plan.md: the prebuilt provider packages require `cdktf` themselves, so redirecting the
 * import in the project's own files would not be enough; resolving the name for every module is.
 * test/toolchain/synth-paths.test.ts synthesizes the example under this hook and compares the output with cdktf's.
 */
const Module = require('node:module');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveCdktfAsCdktn(request, ...rest) {
  const framework = request === 'cdktf' || request.startsWith('cdktf/') ? `cdktn${request.slice('cdktf'.length)}` : request;
  return resolveFilename.call(this, framework, ...rest);
};
