import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Tracked text files a reader may follow references from. */
const FILES = execFileSync('git', ['ls-files', '*.ts', '*.js', '*.md', '*.yaml', '*.json', '*.sh'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.startsWith('schemas/') && existsSync(join(ROOT, file)));

/** The repository's top-level folders, as they start a path a reader can follow. */
const TOP_LEVEL = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file.includes('/'))
  .map((file) => file.split('/')[0]);
/** A path into the repository: a top-level folder, then a file with an extension; not part of a URL or a longer path. */
const REPOSITORY_PATH = new RegExp(
  `(?<![\\w./:-])(?:${[...new Set(TOP_LEVEL)].filter((dir) => !dir.startsWith('.')).join('|')})/[\\w./-]*\\.(?:ts|js|md|json|yaml|yml|sh|tf|proto)\\b`,
  'g',
);
/** Files a user or a tool creates, named as examples of what the reader will have. */
const USER_CREATED = new Set(['config/environments/prod.yaml', 'config/environments/acme.yaml']);
/** Files whose paths are fixtures of a check (made-up modules that the boundary and lint rules are tried on). */
const FIXTURE_PATHS_IN = new Set(['test/boundaries/boundaries.test.ts', 'test/docs/references.test.ts', 'test/toolchain/lint-and-format.test.ts']);

function lines(file: string): Array<[number, string]> {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .map((line, i) => [i + 1, line] as [number, string]);
}

/** Whether every § on the line follows a document of the repository (`docs/reference/<page>.md §n`, or an RFC) on that line. */
function sectionsResolve(line: string): boolean {
  const named = /(docs\/reference\/[\w-]+\.md|RFC \d+) §/.exec(line);
  return !line.includes('§') || (named !== null && !line.slice(0, named.index).includes('§'));
}

describe('every reference resolves inside the repository', () => {
  test('no path into ../shared outside the repository (the team folder is not part of it)', () => {
    const outside = FILES.flatMap((file) =>
      lines(file)
        .filter(([, line]) => /\.\.\/shared\//.test(line))
        .filter(([, line]) => {
          const target = /\.\.\/shared\/[\w./-]*/.exec(line)![0];
          const path = resolve(dirname(join(ROOT, file)), target);
          return !path.startsWith(ROOT) || !['', '.ts', '.md'].some((ext) => existsSync(path + ext));
        })
        .map(([n, line]) => `${file}:${n}: ${line.trim()}`),
    );
    expect(outside).toEqual([]);
  });

  test('every § names a section of a document in the repository (docs/reference/, an RFC, or a page legend)', () => {
    const loose = FILES.filter(
      (file) => !file.startsWith('docs/reference/') && file !== 'simulators/README.md' && file !== 'test/docs/references.test.ts',
    ).flatMap((file) =>
      lines(file)
        .filter(([, line]) => !sectionsResolve(line))
        .map(([n, line]) => `${file}:${n}: ${line.trim()}`),
    );
    expect(loose).toEqual([]);
  });

  test.each([
    ['(docs/reference/okta-management-api.md §2.1 / §2.2)', true],
    ['RFC 3986 §3.2.1 (user:password)', true],
    ['no section at all', true],
    ['(reference §2.4)', false],
    ['bridge-protocols.md §5.3', false],
  ])('the § check reads %s as resolvable: %s', (line, expected) => {
    expect(sectionsResolve(line)).toBe(expected);
  });

  test('every path into the repository named in code or docs exists', () => {
    const missing = FILES.filter((file) => !FIXTURE_PATHS_IN.has(file)).flatMap((file) =>
      lines(file).flatMap(([n, line]) =>
        [...line.matchAll(REPOSITORY_PATH)]
          .map((m) => m[0])
          .filter((path) => !USER_CREATED.has(path) && !existsSync(join(ROOT, path)) && !existsSync(join(ROOT, dirname(file), path)))
          .map((path) => `${file}:${n}: ${path}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  test.each([
    ['see `bridge/src/config/load.ts`', ['bridge/src/config/load.ts']],
    ['(tested in tools/review/cli.ts and test/docs/x.test.ts)', ['tools/review/cli.ts', 'test/docs/x.test.ts']],
    ['cdktf.out/stacks/bridge-example/cdk.tf.json and node_modules/cdktf/lib/index.js', []],
    ['a URL https://example.com/guide/page.md or ../bridge/x.ts', []],
  ])('the path check finds in %s: %j', (line, paths) => {
    expect([...line.matchAll(REPOSITORY_PATH)].map((m) => m[0])).toEqual(paths);
  });

  test('every docs/ path named in code or docs exists', () => {
    const missing = FILES.flatMap((file) =>
      lines(file).flatMap(([n, line]) =>
        [...line.matchAll(/\bdocs\/[\w./-]+\.(?:md|json|yaml)/g)]
          .map((m) => m[0])
          .filter((path) => !existsSync(join(ROOT, path)) && !existsSync(join(ROOT, 'bridge', path)))
          .map((path) => `${file}:${n}: ${path}`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
