/**
 * The static checks of `npm test` (type check, import boundaries, lint, format), run side by side: each is one
 * process that mostly uses one core, so on a 2-core machine running them together takes about half as long as one
 * after another. Each check's output is printed whole when it ends, under its name, so outputs never interleave;
 * the exit code is non-zero when any check failed, and the summary names which.
 *
 * `node scripts/run-checks.js` runs every check; `node scripts/run-checks.js lint typecheck` runs those.
 */
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { delimiter, join } = require('node:path');

/** The package.json scripts that make up the checks, in the order their results are summarized. */
const CHECKS = ['typecheck', 'lint:boundaries', 'lint', 'format:check'];

/**
 * Runs one package.json script the way `npm run` does (in a shell, in the package's folder, with its
 * `node_modules/.bin` first on PATH) but without starting npm itself, which costs about a third of a second of CPU
 * for each script.
 */
function runScript(name, scripts) {
  return new Promise((resolve) => {
    const started = Date.now();
    const env = { ...process.env, PATH: [join(process.cwd(), 'node_modules', '.bin'), process.env.PATH].join(delimiter) };
    const child = spawn(scripts[name], { shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
  const missing = selected.filter((name) => typeof scripts[name] !== 'string');
  if (missing.length > 0) {
    console.error(`package.json has no script ${missing.join(', ')}; each check is the package.json script of its name`);
    return 2;
  }
  const results = await Promise.all(
    selected.map((name) =>
      runScript(name, scripts).then((result) => {
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
