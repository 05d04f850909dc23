import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE_TABLE } from '../../bridge/contract';

const ROOT = join(__dirname, '..', '..');
const DOCS = execFileSync('git', ['ls-files', '*.md'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Every "<count> GSIs" / "the bridge table has <count>" claim in the documentation, with where it is. */
function gsiClaims(): Array<{ where: string; count: number }> {
  return DOCS.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        [...line.matchAll(/\b(\w+) GSIs\b|bridge table has (\w+)/g)].map((m) => ({ where: `${file}:${i + 1}`, word: (m[1] ?? m[2]).toLowerCase() })),
      )
      .filter(({ word }) => word !== 'its' && word !== 'the' && (WORDS.includes(word) || /^\d+$/.test(word)))
      .map(({ where, word }) => ({ where, count: WORDS.includes(word) ? WORDS.indexOf(word) : Number(word) })),
  );
}

describe('facts the code knows, as the documentation states them', () => {
  test("every stated number of global secondary indexes of the bridge table is the table definition's", () => {
    const claims = gsiClaims();
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.filter((c) => c.count !== BRIDGE_TABLE.globalSecondaryIndexes.length)).toEqual([]);
  });
});
