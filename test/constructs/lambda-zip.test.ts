import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from '../../constructs/lambda-bundle/zip';

// extract-zip (yauzl) is what cdktf-cli itself unpacks archives with; an independent reader of the format.
const extract = require('extract-zip') as (zip: string, options: { dir: string }) => Promise<void>;

describe('zipSync', () => {
  const entries = [
    { name: 'index.js', contents: Buffer.from('exports.handler = async () => "ok";\n'.repeat(50)) },
    { name: 'index.js.map', contents: Buffer.from('{"version":3,"sources":[],"mappings":""}') },
  ];

  test('writes an archive a standard reader extracts to the same files, readable by everyone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'archive.zip'), zipSync(entries));
      await extract(path.join(dir, 'archive.zip'), { dir: path.join(dir, 'out') });
      for (const entry of entries) {
        expect(fs.readFileSync(path.join(dir, 'out', entry.name))).toEqual(entry.contents);
        expect(fs.statSync(path.join(dir, 'out', entry.name)).mode & 0o444).toBe(0o444);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('is byte-for-byte deterministic and compresses', () => {
    expect(zipSync(entries)).toEqual(zipSync(entries));
    expect(zipSync(entries).length).toBeLessThan(entries[0].contents.length);
  });
});
