import * as path from 'node:path';
import { discover } from './discover';
import { startExampleOrg } from './example-org';

/**
 * Regenerates config/environments/example.lookups.json by running the discovery command against the Okta
 * simulator seeded as the example org (the example environment has no real org).
 */
async function main(): Promise<void> {
  const { okta, env } = await startExampleOrg();
  try {
    const file = await discover({ environment: 'example', env });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await okta.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
