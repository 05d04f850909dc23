import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_PROVIDERS, generatedProvider } from '../../schemas/providers';

const ROOT = path.resolve(__dirname, '..', '..');
const SKIP = new Set(['node_modules', '.gen', 'cdktf.out', '.git', 'coverage', 'dist']);
const IMPORT = /\.gen\/providers\/([a-z-]+)\/([a-z0-9-]+)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') ? [full] : [];
  });
}

/** The Terraform type a generated folder binds: `request-condition` -> `okta_request_condition`, `data-x-y` -> data `x_y`. */
function typeOfFolder(providerKey: string, folder: string): { kind: 'resource' | 'data source'; type: string } {
  if (folder.startsWith('data-')) return { kind: 'data source', type: folder.slice('data-'.length).replace(/-/g, '_') };
  const prefix = generatedProvider(providerKey).source.split('/').pop();
  return { kind: 'resource', type: `${prefix}_${folder.replace(/-/g, '_')}` };
}

describe('trim list coverage', () => {
  const imports = sourceFiles(ROOT).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((match) => ({
      file: path.relative(ROOT, file),
      provider: match[1] as string,
      folder: match[2] as string,
    })),
  );

  test('the project imports generated bindings (the scan finds them)', () => {
    expect(imports.length).toBeGreaterThan(0);
  });

  test('every generated type the project imports is in schemas/providers.ts', () => {
    const missing = imports
      .filter(({ folder }) => folder !== 'provider' && folder !== 'index' && folder !== 'lazy-index')
      .filter(({ provider, folder }) => {
        const entry = GENERATED_PROVIDERS.find((candidate) => candidate.key === provider);
        if (!entry) return true;
        const { kind, type } = typeOfFolder(provider, folder);
        return !(kind === 'resource' ? entry.resources : entry.dataSources).includes(type);
      })
      .map(({ file, provider, folder }) => `${file}: ${provider}/${folder}`);
    expect(missing).toEqual([]);
  });

  test('folder names map back to the listed types', () => {
    expect(typeOfFolder('okta-oig', 'request-condition')).toEqual({ kind: 'resource', type: 'okta_request_condition' });
    expect(typeOfFolder('oktapam', 'data-oktapam-gateways')).toEqual({ kind: 'data source', type: 'oktapam_gateways' });
    expect(typeOfFolder('servicenow', 'service-catalog-item')).toEqual({ kind: 'resource', type: 'servicenow_service_catalog_item' });
  });
});
