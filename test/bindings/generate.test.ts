import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateBindings } from '../../scripts/bindings/generate';
import { GENERATED_PROVIDERS } from '../../schemas/providers';

const SCHEMAS = path.resolve(__dirname, '..', '..', 'schemas');

/** Every file under `dir` with its content, keyed by path relative to `dir`. */
function tree(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = path.join(prefix, entry);
    if (statSync(path.join(dir, relative)).isDirectory()) {
      for (const [file, body] of tree(dir, relative)) files.set(file, body);
    } else {
      files.set(relative, readFileSync(path.join(dir, relative)));
    }
  }
  return files;
}

describe('generateBindings', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bindings-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('two runs from the same snapshots produce byte-identical files', async () => {
    const first = tempDir();
    const second = tempDir();
    await generateBindings({ outDir: first, force: true });
    await generateBindings({ outDir: second, force: true });
    const a = tree(first);
    const b = tree(second);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [file, body] of a) expect({ file, same: body.equals(b.get(file) as Buffer) }).toEqual({ file, same: true });
    for (const provider of GENERATED_PROVIDERS) expect(a.has(path.join(provider.key, 'index.ts'))).toBe(true);
  }, 180_000);

  test('skips regeneration when the stamp matches, and regenerates a deleted provider folder', async () => {
    const out = tempDir();
    expect((await generateBindings({ outDir: out })).generated).toBe(true);
    expect((await generateBindings({ outDir: out })).generated).toBe(false);
    rmSync(path.join(out, 'oktapam'), { recursive: true });
    expect((await generateBindings({ outDir: out })).generated).toBe(true);
  }, 180_000);

  test('fails naming the snapshot when it holds a type the list does not', async () => {
    const schemasDir = tempDir();
    const okta = GENERATED_PROVIDERS.find((provider) => provider.key === 'okta-oig');
    const snapshot = JSON.parse(readFileSync(path.join(SCHEMAS, okta!.snapshot), 'utf8'));
    const resources = snapshot.provider_schemas[okta!.fqpn].resource_schemas;
    resources.okta_campaign = resources.okta_request_condition;
    writeFileSync(path.join(schemasDir, okta!.snapshot), `${JSON.stringify(snapshot, null, 2)}\n`);
    await expect(generateBindings({ outDir: tempDir(), schemasDir, providers: [okta!], force: true })).rejects.toThrow(
      /okta-6\.12\.0-oig\.schema\.json does not match the list in schemas\/providers\.ts/,
    );
  });

  test('fails with the refresh command when a snapshot is missing', async () => {
    await expect(generateBindings({ outDir: tempDir(), schemasDir: tempDir(), force: true })).rejects.toThrow(
      /schema snapshot .*okta-6\.12\.0-oig\.schema\.json for okta\/okta 6\.12\.0 is missing: run scripts\/bindings\/refresh-schemas\.sh/,
    );
  });
});
