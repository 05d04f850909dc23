import { JmlRequest } from '../../src/domain/jml-request';
import { ThreadRecord } from '../../src/domain/thread';
import { LocalEnvironment } from './environment';
import { postSignedRequest } from './sign-request';

export const DEMO_PERSON = {
  login: 'ada.lovelace@example.com',
  email: 'ada.lovelace@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  employeeNumber: 'E1001',
};

/** One settled step of the demo: the request, its thread, and how long it took from intake to that state. */
export interface DemoStep {
  readonly request: JmlRequest;
  readonly thread: ThreadRecord;
  readonly elapsedMs: number;
}

/**
 * The local demo's scenario: a signed joiner, mover and leaver for one person, each for a requested item that exists
 * in the ServiceNow simulator, each waited for until it settles. `npm run bridge:demo` prints it; the evidence tests
 * report on it.
 */
export async function runDemoScenario(local: LocalEnvironment, onStep: (step: DemoStep) => void = () => undefined): Promise<DemoStep[]> {
  const today = new Date().toISOString().slice(0, 10);
  const person = DEMO_PERSON;
  const approvals = [{ approver: 'grace.hopper', approvedAt: new Date().toISOString() }];
  const base = { effectiveDate: today, approvals, requestedBy: 'hr.partner' };
  const steps: Array<Omit<JmlRequest, 'requestNumber' | 'requestSysId'>> = [
    {
      ...base,
      action: 'joiner',
      user: { ...person, department: 'Engineering', title: 'Site Reliability Engineer', managerLogin: 'grace.hopper@example.com' },
      groups: ['jml-access-eng-linux-prod'],
    },
    { ...base, action: 'mover', user: { ...person, department: 'Engineering', title: 'Database Administrator' }, groups: ['jml-access-eng-windows-prod'] },
    { ...base, action: 'leaver', user: { login: person.login, employeeNumber: person.employeeNumber } },
  ];
  const done: DemoStep[] = [];
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
    const settled = { request, thread, elapsedMs: Date.now() - started };
    done.push(settled);
    onStep(settled);
  }
  return done;
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
