/**
 * The static checks of `npm test` (type check, import boundaries, lint, format), run side by side: each is one
 * process that mostly uses one core, so on a 2-core machine running them together takes about half as long as one
 * after another. Each check's output is printed whole when it ends, under its name, so outputs never interleave;
 * the exit code is non-zero when any check failed, and the summary names which.
 *
 * `node scripts/run-checks.js` runs every check; `node scripts/run-checks.js lint typecheck` runs those.
 */
const { spawn } = require('node:child_process');

/** The package.json scripts that make up the checks, in the order their results are summarized. */
const CHECKS = ['typecheck', 'lint:boundaries', 'lint', 'format:check'];

function runScript(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

async function main(requested) {
  const unknown = requested.filter((name) => !CHECKS.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown check ${unknown.join(', ')}; the checks are ${CHECKS.join(', ')}`);
    return 2;
  }
  const selected = requested.length > 0 ? requested : CHECKS;
  const results = await Promise.all(
    selected.map((name) =>
      runScript(name).then((result) => {
        const status = result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`;
        process.stdout.write(`\n── ${name}: ${status} in ${result.seconds.toFixed(1)} s\n${result.output}`);
        return result;
      }),
    ),
  );
  const failed = results.filter((result) => result.code !== 0).map((result) => result.name);
  console.log(
    failed.length === 0 ? `\nchecks passed: ${selected.join(', ')}` : `\nchecks failed: ${failed.join(', ')} (run \`npm run ${failed[0]}\` to see it alone)`,
  );
  return failed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
