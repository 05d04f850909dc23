import { formatThread } from '../../src/cli/format-thread';
import { DEMO_PERSON, runDemoScenario } from './demo-scenario';
import { startLocalEnvironment } from './environment';

/**
 * `npm run bridge:demo`: starts the local stack in this process, submits a signed joiner, mover and leaver for one
 * person (each as ServiceNow would, for a requested item that exists in the ServiceNow simulator), and prints the
 * golden thread of each, with the work notes ServiceNow received.
 */
async function main(): Promise<void> {
  const local = await startLocalEnvironment({ logLevel: process.env.LOG_LEVEL ?? 'silent' });
  try {
    await runDemoScenario(local, ({ request, thread, elapsedMs }) => {
      const notes = local.serviceNow.journal(request.requestSysId, 'work_notes');
      const ritm = local.serviceNow.getRecord('sc_req_item', request.requestSysId);
      console.log(`\n=== ${request.action} (${elapsedMs} ms from intake to ${thread.state}) ===`);
      console.log(formatThread(thread));
      console.log(`  ServiceNow ${request.requestNumber}: state ${ritm?.state}, ${notes.length} work note(s); last:`);
      console.log(`    ${(notes[notes.length - 1]?.value ?? '').split('\n').join('\n    ')}`);
    });
    const user = local.okta.getUser(DEMO_PERSON.login) as { id: string; status: string } | undefined;
    console.log(`\nOkta user ${user?.id} is ${user?.status}; groups: ${user ? local.okta.userGroups(user.id).join(', ') : '-'}`);
    console.log('Threads by Okta user id: npm run bridge:thread -- --user <id> (against a running npm run bridge:local)');
    console.log('Evidence for today: npm run bridge:evidence -- --from <today> (against a running npm run bridge:local)');
  } finally {
    await local.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
