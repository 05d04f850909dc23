import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENV } from '../../contract/env-names';
import { ADMIN_CONTEXT, simUser } from '../../dev/harness/okta-actions';
import { jmlRequest } from '../../dev/harness/requests';
import { startStack, TestStack } from '../../dev/harness/stack';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');

/** Runs a bridge CLI as `npm run bridge:thread` would, against the test stack's table. */
async function cli(stack: TestStack, script: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const env = {
    ...process.env,
    [ENV.tableName]: stack.env[ENV.tableName],
    [ENV.dynamoEndpoint]: stack.env[ENV.dynamoEndpoint],
    [ENV.region]: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', join('bridge', 'src', 'cli', script), ...args], {
      cwd: ROOT,
      env,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('bridge:thread CLI', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test("prints the golden thread of a request number, and a user's threads with outside-bridge changes", async () => {
    const request = jmlRequest('joiner');
    const { body } = await stack.submit(request);
    await stack.settle();
    const user = simUser(stack.okta, request.user.login);
    stack.okta.directory.updateProfile(user.id, { title: 'Chief Everything Officer' }, ADMIN_CONTEXT);
    await stack.settle();
    const [thread] = await stack.bridge.store.findByRequestNumber(request.requestNumber);

    const byNumber = await cli(stack, 'thread.ts', [request.requestNumber]);
    expect(byNumber.code).toBe(0);
    expect(byNumber.stdout).toContain(`${request.requestNumber}  joiner  ${request.user.login}  state: confirmed`);
    expect(byNumber.stdout).toContain(`correlation id: ${String(body.correlationId)}`);
    expect(byNumber.stdout).toContain('approvals (as ServiceNow sent them): grace.hopper at 2026-11-29T10:15:00Z');
    for (const call of thread.calls) {
      expect(byNumber.stdout).toContain(`X-Okta-Request-Id: ${call.oktaRequestId}`);
    }

    const byUser = await cli(stack, 'thread.ts', ['--user', user.id]);
    expect(byUser.stdout).toContain(request.requestNumber);
    expect(byUser.stdout).toMatch(/changes outside the bridge:\n.*user\.account\.update_profile {2}by admin@example\.com/);
  }, 180_000);

  test('an unknown request number exits non-zero with a hint', async () => {
    const result = await cli(stack, 'thread.ts', ['RITM9999999']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no thread for RITM9999999: the bridge never accepted a request with that number/);
  }, 180_000);
});
