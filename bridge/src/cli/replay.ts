import { systemClock } from '../adapters/clock/system-clock';
import { JsonLogger } from '../adapters/logging/json-logger';
import { buildSqsQueue } from '../composition/queue';
import { buildStore } from '../composition/store';
import { ENV } from '../../contract/env-names';
import { loadConfig } from '../config/load';
import { ReplayService } from '../domain/replay-service';
import { readLocalState } from './store-from-env';

const USAGE = 'usage: npm run bridge:replay -- <RITM number> | --all';

/**
 * Replays dead-lettered requests: puts them back on the queue, where the worker resumes them from Okta's current
 * state. In AWS it writes to the SQS queue; against `npm run bridge:local` it asks the local stack's control endpoint.
 */
async function main(args: string[]): Promise<void> {
  const requestNumber = args[0] === '--all' ? undefined : args[0];
  if (!args[0] || requestNumber?.startsWith('--')) {
    throw new Error(USAGE);
  }
  let replayed: string[];
  if (process.env[ENV.queueUrl]) {
    const config = await loadConfig(['store', 'queue']);
    const service = new ReplayService(buildStore(config.store), buildSqsQueue(config.queue), systemClock, new JsonLogger(config.logLevel));
    replayed = (await service.replay(requestNumber)).map((t) => `${t.requestNumber} (${t.correlationId})`);
  } else {
    const local = readLocalState();
    if (!local) {
      throw new Error(`set ${ENV.queueUrl} and ${ENV.tableName} (AWS), or start the local stack first with: npm run bridge:local`);
    }
    const response = await fetch(`${local.controlUrl}/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestNumber }),
    });
    if (!response.ok) {
      throw new Error(`the local stack answered ${response.status}: ${await response.text()}`);
    }
    replayed = ((await response.json()) as { replayed: string[] }).replayed;
  }
  console.log(
    replayed.length > 0 ? `replayed: ${replayed.join(', ')}` : `nothing to replay: no dead-lettered request${requestNumber ? ` for ${requestNumber}` : ''}`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
