import { JsonLogger } from '../../src/adapters/logging/json-logger';

describe('JsonLogger: Lambda invocation fields', () => {
  test('every line of an invocation carries its request id and cold start, children made at start-up included', () => {
    const lines: Record<string, unknown>[] = [];
    const root = new JsonLogger('info', { service: 'jml-bridge', function: 'worker' }, (line) => lines.push(JSON.parse(line)));
    const domain = root.child({ component: 'processor' }); // made at cold start, before any invocation
    root.startInvocation({ awsRequestId: 'req-1' }, true);
    domain.info('thread.applied', { correlationId: 'c1' });
    root.startInvocation({ awsRequestId: 'req-2' }, false);
    domain.child({ correlationId: 'c2' }).warn('thread.retry');
    root.startInvocation(undefined, false);
    root.info('local.run');
    expect(lines).toEqual([
      expect.objectContaining({ event: 'thread.applied', component: 'processor', requestId: 'req-1', coldStart: true, correlationId: 'c1' }),
      expect.objectContaining({ event: 'thread.retry', requestId: 'req-2', coldStart: false, correlationId: 'c2' }),
      expect.objectContaining({ event: 'local.run', coldStart: false }),
    ]);
    expect(lines[2]).not.toHaveProperty('requestId');
  });
});
