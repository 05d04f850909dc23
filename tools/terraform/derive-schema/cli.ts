import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../snapshots';
import { deriveSnapshot, PREBUILT_PACKAGES, snapshotText } from './derive';

/**
 * `npm run schemas:prebuilt` writes schemas/okta-<v>.schema.json and schemas/aws-<v>.schema.json from the
 * prebuilt packages; `-- --check` fails when a committed snapshot is not what the packages and imports give.
 */
const check = process.argv.includes('--check');
let stale = 0;
for (const pkg of PREBUILT_PACKAGES) {
  const derived = deriveSnapshot(pkg);
  const path = join(SCHEMAS_DIR, derived.file);
  const text = snapshotText(derived);
  const types = Object.values(derived.snapshot.provider_schemas)[0];
  const summary = `${derived.file}: ${Object.keys(types.resource_schemas ?? {}).length} resource types, ${Object.keys(types.data_source_schemas ?? {}).length} data sources`;
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== text) {
      stale += 1;
      console.error(`schemas/${derived.file} is stale: run npm run schemas:prebuilt and commit it`);
    } else console.log(`${summary} (fresh)`);
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${summary}`);
  }
}
if (stale > 0) process.exitCode = 1;
