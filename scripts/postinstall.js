// Install-time steps that make a clean clone ready: generates the provider bindings in .gen/providers from the
// committed schema snapshots (offline; skipped when the snapshots have not changed, see scripts/bindings/generate.ts).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function resolvable(name) {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

// The generator and ts-node are devDependencies: a production-only install has nothing to synthesize with.
if (!resolvable('@cdktf/provider-generator') || !resolvable('ts-node')) {
  console.warn('postinstall: devDependencies are not installed, so provider bindings were not generated (.gen/providers)');
} else {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'bindings', 'generate.ts')], {
    stdio: 'inherit',
    cwd: path.join(__dirname, '..'),
  });
  process.exitCode = result.status === null ? 1 : result.status;
}
