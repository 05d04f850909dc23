import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Tracked text files a reader may follow references from. */
const FILES = execFileSync('git', ['ls-files', '*.ts', '*.js', '*.md', '*.yaml', '*.json', '*.sh'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.startsWith('schemas/') && existsSync(join(ROOT, file)));

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
