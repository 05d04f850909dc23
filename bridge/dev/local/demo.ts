import { formatThread } from '../../src/cli/format-thread';
import { JmlRequest } from '../../src/domain/jml-request';
import { ThreadRecord } from '../../src/domain/thread';
import { LocalEnvironment, startLocalEnvironment } from './environment';
import { postSignedRequest } from './sign-request';

/**
 * `npm run bridge:demo`: starts the local stack in this process, submits a signed joiner, mover and leaver for one
 * person (each as ServiceNow would, for a requested item that exists in the ServiceNow simulator), and prints the
 * golden thread of each, with the work notes ServiceNow received.
 */
async function main(): Promise<void> {
  const local = await startLocalEnvironment({ logLevel: process.env.LOG_LEVEL ?? 'silent' });
  try {
    const today = new Date().toISOString().slice(0, 10);
    const person = { login: 'ada.lovelace@example.com', email: 'ada.lovelace@example.com', firstName: 'Ada', lastName: 'Lovelace', employeeNumber: 'E1001' };
    const approvals = [{ approver: 'grace.hopper', approvedAt: new Date().toISOString() }];
    const base = { effectiveDate: today, approvals, requestedBy: 'hr.partner' };
    const steps: Array<Omit<JmlRequest, 'requestNumber' | 'requestSysId'>> = [
      { ...base, action: 'joiner', user: { ...person, department: 'Engineering', title: 'Site Reliability Engineer', managerLogin: 'grace.hopper@example.com' }, groups: ['jml-access-eng-linux-prod'] },
      { ...base, action: 'mover', user: { ...person, department: 'Engineering', title: 'Database Administrator' }, groups: ['jml-access-eng-windows-prod'] },
      { ...base, action: 'leaver', user: { login: person.login, employeeNumber: person.employeeNumber } },
    ];
    for (const step of steps) {
      const item = local.serviceNow.seedRequestItem({ short_description: `JML ${step.action}: ${person.login}` });
      const request = { ...step, requestNumber: item.number, requestSysId: item.sys_id } as JmlRequest;
      const started = Date.now();
      const response = await postSignedRequest(local.bridge.url, request, { secret: local.webhookSecret });
      if (response.status !== 202) {
        throw new Error(`the bridge answered ${response.status} to the ${step.action}: ${JSON.stringify(response.body)}`);
      }
      await local.settle();
      const thread = await waitForState(local, request.requestNumber);
      const elapsed = Date.now() - started;
      const notes = local.serviceNow.journal(item.sys_id, 'work_notes');
      const ritm = local.serviceNow.getRecord('sc_req_item', item.sys_id);
      console.log(`\n=== ${step.action} (${elapsed} ms from intake to ${thread.state}) ===`);
      console.log(formatThread(thread));
      console.log(`  ServiceNow ${request.requestNumber}: state ${ritm?.state}, ${notes.length} work note(s); last:`);
      console.log(`    ${(notes[notes.length - 1]?.value ?? '').split('\n').join('\n    ')}`);
    }
    const user = local.okta.getUser(person.login) as { id: string; status: string } | undefined;
    console.log(`\nOkta user ${user?.id} is ${user?.status}; groups: ${user ? local.okta.userGroups(user.id).join(', ') : '-'}`);
    console.log('Threads by Okta user id: npm run bridge:thread -- --user <id> (against a running npm run bridge:local)');
  } finally {
    await local.close();
  }
}

async function waitForState(local: LocalEnvironment, requestNumber: string): Promise<ThreadRecord> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [thread] = await local.bridge.store.findByRequestNumber(requestNumber);
    if (thread && ['confirmed', 'dead-lettered', 'scheduled'].includes(thread.state)) {
      return thread;
    }
    if (Date.now() > deadline) {
      throw new Error(`${requestNumber} did not settle within 10 s (state ${thread?.state ?? 'missing'}); rerun with LOG_LEVEL=info to see why`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
