import { startStack, type TestStack } from '../../bridge/dev/harness/stack';
import { loadScriptSource, SCRIPT_NAMES } from '../../constructs/jml-signing-script';
import { loadScripts } from './helpers/glide-stand-ins';
import { accepted, ITEM_SYS_ID, JOINER, requestItem, worldWith } from './helpers/fixtures';

/**
 * ServiceNow -> bridge -> Okta -> ServiceNow, over real HTTP on loopback: the delivery the signing script produces
 * is replayed byte for byte to the bridge (dynalite, Okta and ServiceNow simulators), which must accept it, create the
 * user with the profile values the catalog choices carry, and write the outcome back to the requested item.
 *
 * RESTMessageV2.execute() blocks, and Node cannot block on its own loopback server, so the script's delivery is
 * captured first (the stand-in answers 202) and then sent as-is.
 */
describe('a delivery from the signing script, through the real bridge', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('is accepted, applied in Okta and written back to the requested item', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const world = worldWith(stack.webhookSecret, {
      nowMs: Date.now(),
      methodHeaders: { 'Content-Type': 'application/json', Accept: 'application/json' },
      answers: [accepted('captured')],
    });
    const { JmlBridgeClient } = loadScripts(world, loadScriptSource('JmlBridgeClient.js'));
    new JmlBridgeClient().sendApproved(requestItem({ ...JOINER, effectiveDate: { value: today } }));
    const [sent] = world.sent;
    expect(sent.restMessage).toBe(SCRIPT_NAMES.restMessage);

    stack.serviceNow.seedRequestItem({ sys_id: ITEM_SYS_ID, number: 'RITM0010001' });
    const response = await fetch(`${stack.bridge.url}/v1/jml`, { method: 'POST', headers: sent.headers, body: sent.body });
    const answer = (await response.json()) as { correlationId: string; requestNumber: string };
    expect(response.status).toBe(202);
    expect(answer.requestNumber).toBe('RITM0010001');

    await stack.settle();
    const user = stack.okta.getUser('ada.lovelace@example.com') as { status: string; profile: Record<string, string> } | undefined;
    // Activated without a password: Okta's PROVISIONED, waiting for the user's first sign-in.
    expect(user?.status).toBe('PROVISIONED');
    expect(user?.profile).toMatchObject({ department: 'Legal "Counsel" \\ Compliance', title: 'Site Reliability Engineer', employeeNumber: 'E1001' });
    const notes = stack.serviceNow.journal(ITEM_SYS_ID, 'work_notes').map((note) => note.value);
    expect(notes.some((note) => note.includes(answer.correlationId))).toBe(true);

    const replay = await fetch(`${stack.bridge.url}/v1/jml`, { method: 'POST', headers: sent.headers, body: sent.body });
    expect(await replay.json()).toMatchObject({ correlationId: answer.correlationId, duplicate: true });
  });
});
