import { formatOutsideChanges, formatThread } from './format-thread';
import { storeFromEnvironment } from './store-from-env';

const USAGE = 'usage: npm run bridge:thread -- <RITM number> | --user <Okta user id> [--json]';

/**
 * Prints the golden thread of a ServiceNow request number, or every thread and outside-bridge change of an Okta user.
 */
async function main(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const store = await storeFromEnvironment();
  if (rest[0] === '--user' && rest[1]) {
    const threads = await store.findByOktaUserId(rest[1]);
    const events = await store.findEventsByOktaUserId(rest[1]);
    if (json) {
      console.log(JSON.stringify({ threads, events }, null, 2));
      return;
    }
    console.log(threads.length > 0 ? threads.map(formatThread).join('\n\n') : `no bridge request has touched Okta user ${rest[1]}`);
    console.log(formatOutsideChanges(events));
    return;
  }
  if (!rest[0] || rest[0].startsWith('--')) {
    throw new Error(USAGE);
  }
  const threads = await store.findByRequestNumber(rest[0]);
  if (threads.length === 0) {
    throw new Error(
      `no thread for ${rest[0]}: the bridge never accepted a request with that number (check the number, or the intake's 4xx answer in ServiceNow's outbound log)`,
    );
  }
  console.log(json ? JSON.stringify(threads, null, 2) : threads.map(formatThread).join('\n\n'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
