import { validateJmlRequest } from '../../bridge/src/http/body-schema';
import { decodeSecret, SignatureError, verifyWebhook } from '../../bridge/src/http/standard-webhooks';
import { loadScriptSource } from '../../constructs/jml-signing-script';
import { exampleWith } from '../helpers/config';
import { declareForTest, resourcesOf, synthJson } from '../helpers/synth';
import { type GlideWorld, loadScripts, type SentRequest } from './helpers/glide-stand-ins';
import { accepted, ITEM_SYS_ID, JOINER, newSecret, requestItem, worldWith } from './helpers/fixtures';

const SCRIPT = loadScriptSource('JmlBridgeClient.js');
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

/** Verifies a captured delivery with the bridge's own verifier, at `nowSeconds`. */
function verify(sent: SentRequest, secret: string, nowSeconds: number, body = sent.body) {
  return verifyWebhook({ keys: [decodeSecret(secret)], headers: sent.headers, rawBody: Buffer.from(body, 'utf8'), nowSeconds });
}

function clientIn(world: GlideWorld, script = SCRIPT) {
  return new (loadScripts(world, script).JmlBridgeClient)();
}

describe('the deployed signing script and the bridge agree', () => {
  // The script include and REST method headers exactly as the servicenow stack synthesizes them.
  const json = synthJson(declareForTest(exampleWith()).stacks.servicenow!);
  const deployedScript = resourcesOf(json, 'servicenow_script_include')[0].script as string;
  const deployedRule = resourcesOf(json, 'servicenow_business_rule')[0].script as string;
  const methodHeaders = Object.fromEntries(resourcesOf(json, 'servicenow_rest_method_header').map((h) => [h.name as string, h.value as string]));

  test('a delivery the approval trigger sends is accepted by the bridge verifier and JSON Schema; tampering and staleness are not', () => {
    const secret = newSecret();
    const world = worldWith(secret, { methodHeaders, answers: [accepted('5f1c0c43-3a39-4c3e-9d4b-6f1d7f0d2a11')] });
    const item = requestItem(JOINER);
    loadScripts(world, deployedScript, deployedRule).fire(item);

    expect(world.sent).toHaveLength(1);
    const [sent] = world.sent;
    expect(sent).toMatchObject({ restMessage: 'JML bridge', method: 'post_jml_request' });
    expect(sent.headers['content-type']).toBe('application/json');
    const now = world.nowMs / 1000;
    expect(verify(sent, secret, now)).toEqual({ webhookId: sent.headers['webhook-id'], timestamp: now });
    const validation = validateJmlRequest(JSON.parse(sent.body));
    expect(validation).toEqual({ ok: true, request: JSON.parse(sent.body) });

    const tampered = sent.body.replace('"E1001"', '"E1002"');
    expect(tampered).not.toBe(sent.body);
    expect(() => verify(sent, secret, now, tampered)).toThrow(/no v1 signature .* matches the body/);
    expect(() => verify(sent, secret, now + 301)).toThrow(SignatureError);
    expect(() => verify(sent, secret, now + 301)).toThrow(/301 s old/);
    expect(() => verify(sent, newSecret(), now)).toThrow(/no v1 signature/);
  });
});

describe('JmlBridgeClient (servicenow/scripts/JmlBridgeClient.js under Node with stand-ins)', () => {
  test('builds the schema body from the item, its variables, its approved approvals and its opener', () => {
    const world = worldWith(newSecret());
    const request = clientIn(world).buildRequest(requestItem(JOINER));
    expect(request).toEqual({
      requestNumber: 'RITM0010001',
      requestSysId: ITEM_SYS_ID,
      action: 'joiner',
      user: {
        login: 'ada.lovelace@example.com',
        email: 'ada.lovelace@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        employeeNumber: 'E1001',
        // Choice texts, not keys: the exact values the Okta group rules match.
        department: 'Legal "Counsel" \\ Compliance',
        title: 'Site Reliability Engineer',
        managerLogin: 'grace.hopper@example.com',
      },
      effectiveDate: '2026-11-30',
      approvals: [{ approver: 'grace.hopper', approvedAt: '2026-11-29T10:15:00Z' }],
      requestedBy: 'hr.partner',
    });
  });

  test('a leaver carries only the fields filled in, and passes the schema', () => {
    const world = worldWith(newSecret());
    const request = clientIn(world).buildRequest(
      requestItem({
        action: { value: 'leaver' },
        login: { value: 'ada.lovelace@example.com' },
        employeeNumber: { value: 'E1001' },
        effectiveDate: { value: '2026-12-31' },
      }),
    ) as { user: unknown };
    expect(request.user).toEqual({ login: 'ada.lovelace@example.com', employeeNumber: 'E1001' });
    expect(validateJmlRequest(JSON.parse(JSON.stringify(request))).ok).toBe(true);
  });

  test('records the correlation id on the item and in a work note when the bridge answers 202', () => {
    const world = worldWith(newSecret(), { methodHeaders: JSON_HEADERS, answers: [accepted('corr-1')] });
    const item = requestItem(JOINER);
    expect(clientIn(world).sendApproved(item)).toBe('corr-1');
    expect(item.field('correlation_id')).toBe('corr-1');
    expect(item.field('correlation_display')).toBe('JML bridge');
    expect(item.workNotes).toEqual([
      expect.stringMatching(
        /^JML bridge accepted RITM0010001: correlation id corr-1, state queued, webhook-id ritm_0123456789abcdef0123456789abcdef_[0-9A-F]{16}\.$/,
      ),
    ]);
    expect(world.sent[0].timeoutMs).toBe(20000);
  });

  test('says so in the work note when the bridge recognised a duplicate', () => {
    const world = worldWith(newSecret(), { answers: [accepted('corr-1', true)] });
    const item = requestItem(JOINER);
    clientIn(world).sendApproved(item);
    expect(item.workNotes[0]).toMatch(/accepted RITM0010001 \(already received earlier\): correlation id corr-1/);
  });

  test("writes the bridge's error and its per-field details into a work note on a 400, without retrying", () => {
    const world = worldWith(newSecret(), {
      answers: [
        {
          status: 400,
          body: {
            statusCode: 400,
            error: 'Bad Request',
            message: 'request body failed validation (1 problem(s)): user.email must match format "email"',
            details: [{ field: 'user.email', message: 'must match format "email"' }],
          },
        },
      ],
    });
    const item = requestItem({ ...JOINER, email: { value: 'not-an-email' } });
    expect(clientIn(world).sendApproved(item)).toBeNull();
    expect(world.sent).toHaveLength(1);
    expect(item.field('correlation_id')).toBeUndefined();
    expect(item.workNotes).toEqual([
      'JML bridge did not accept RITM0010001: the bridge answered HTTP 400 after 1 attempt(s): request body failed validation (1 problem(s)): user.email must match format "email" [user.email must match format "email"] Correct the request variables and re-send.',
    ]);
  });

  test('points at the signing secret on a 401', () => {
    const world = worldWith(newSecret(), {
      answers: [{ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'no v1 signature in webhook-signature matches the body' } }],
    });
    const item = requestItem(JOINER);
    clientIn(world).sendApproved(item);
    expect(item.workNotes[0]).toMatch(/HTTP 401 .* Check that the system property jml\.bridge\.signing_secret holds the bridge signing secret/);
  });

  test('retries a 503 after a pause with the same webhook-id, re-signed with the current time', () => {
    const secret = newSecret();
    const world = worldWith(secret, { answers: [{ status: 503, body: { message: 'retry' } }, accepted('corr-2')] });
    const started = world.nowMs / 1000;
    const item = requestItem(JOINER);
    expect(clientIn(world).sendApproved(item)).toBe('corr-2');
    expect(world.sleeps).toEqual([2000]);
    expect(world.sent).toHaveLength(2);
    expect(world.sent[1].headers['webhook-id']).toBe(world.sent[0].headers['webhook-id']);
    expect(world.sent[1].headers['webhook-timestamp']).toBe(String(started + 2));
    expect(verify(world.sent[1], secret, world.nowMs / 1000).timestamp).toBe(started + 2);
    expect(item.workNotes).toHaveLength(1);
  });

  test('gives up after three transport failures and says the bridge could not be reached', () => {
    const world = worldWith(newSecret(), { answers: [{ throws: 'java.net.UnknownHostException: bridge.invalid' }] });
    const item = requestItem(JOINER);
    expect(clientIn(world).sendApproved(item)).toBeNull();
    expect(world.sent).toHaveLength(3);
    expect(world.sleeps).toEqual([2000, 5000]);
    expect(item.workNotes).toEqual([
      'JML bridge did not accept RITM0010001: the bridge could not be reached after 3 attempt(s): java.net.UnknownHostException: bridge.invalid. Check the REST message "JML bridge" endpoint and re-send the request.',
    ]);
  });

  test('sends nothing and names the property when the signing secret is not set', () => {
    const world = worldWith(newSecret(), { properties: {} });
    const item = requestItem(JOINER);
    expect(clientIn(world).sendApproved(item)).toBeNull();
    expect(world.sent).toHaveLength(0);
    expect(item.workNotes[0]).toMatch(/was not sent: the system property jml\.bridge\.signing_secret has no value/);
  });

  test('sends nothing when no approval record shows who approved', () => {
    const world = worldWith(newSecret());
    world.tables.sysapproval_approver = [];
    const item = requestItem(JOINER);
    expect(clientIn(world).sendApproved(item)).toBeNull();
    expect(world.sent).toHaveLength(0);
    expect(item.workNotes[0]).toMatch(/RITM0010001 was not sent: no approved approval record \(sysapproval_approver\)/);
  });

  test('signs with both secrets during a rotation, so the bridge accepts it with either', () => {
    const [oldSecret, newOne] = [newSecret(), newSecret()];
    const world = worldWith(`${oldSecret} ${newOne}`, { answers: [accepted('corr-3')] });
    clientIn(world).sendApproved(requestItem(JOINER));
    const [sent] = world.sent;
    expect(sent.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => verify(sent, oldSecret, world.nowMs / 1000)).not.toThrow();
    expect(() => verify(sent, newOne, world.nowMs / 1000)).not.toThrow();
  });

  test('keeps the webhook-id for the same body and changes it when the body changes', () => {
    const world = worldWith(newSecret(), { answers: [accepted('corr-4')] });
    const client = clientIn(world);
    client.sendApproved(requestItem(JOINER));
    client.sendApproved(requestItem(JOINER));
    client.sendApproved(requestItem({ ...JOINER, title: { value: 'dba', text: 'Database Administrator' } }));
    const ids = world.sent.map((sent) => sent.headers['webhook-id']);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids.every((id) => !id.includes('.'))).toBe(true);
  });
});
