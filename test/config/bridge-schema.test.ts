import { LOG_RETENTION_DAYS } from '../../config/schema/bridge';
import { exampleWith, problemsOf } from '../helpers/config';

describe('bridge configuration section', () => {
  test('applies every default when only the ServiceNow instance is given', () => {
    const config = exampleWith((raw) => (raw.bridge = { serviceNowInstanceUrl: raw.servicenow.instanceUrl }));
    expect(config.bridge).toEqual({
      serviceNowInstanceUrl: config.servicenow?.instanceUrl,
      functions: {
        intake: { memoryMb: 256, timeoutSeconds: 10 },
        eventHook: { memoryMb: 256, timeoutSeconds: 10 },
        health: { memoryMb: 128, timeoutSeconds: 5 },
        scheduler: { memoryMb: 256, timeoutSeconds: 60 },
        worker: { memoryMb: 512, timeoutSeconds: 120, reservedConcurrency: 4 },
      },
      schedulerRateMinutes: 15,
      sealRetentionDays: 2557,
      queue: { maxReceiveCount: 5, batchSize: 1, deadLetterRetentionDays: 14 },
      api: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
      enableSourceMaps: true,
      logLevel: 'info',
      logRetentionDays: 90,
      tableDeletionProtection: true,
      alarms: { serverErrorRatePercent: 1, deadLetterMessages: 1, workerErrors: 1, throttles: 1, periodSeconds: 300 },
    });
  });

  test.each<[string, (raw: Record<string, any>) => void, RegExp]>([
    ['no bridge section', (raw) => delete raw.bridge, /^bridge: /],
    [
      'an http ServiceNow URL',
      (raw) => (raw.bridge.serviceNowInstanceUrl = 'http://acme.service-now.com'),
      /^bridge\.serviceNowInstanceUrl: must be an https:\/\/ URL/,
    ],
    [
      'a log retention CloudWatch does not offer',
      (raw) => (raw.bridge.logRetentionDays = 45),
      /^bridge\.logRetentionDays: must be a retention CloudWatch Logs accepts, but 45 was given; use one of 1, 3, 5, 7, 14, 30, 60, 90/,
    ],
    [
      'an intake timeout beyond API Gateway’s 30 s',
      (raw) => (raw.bridge.functions = { intake: { timeoutSeconds: 30 } }),
      /^bridge\.functions\.intake\.timeoutSeconds: /,
    ],
    ['a worker concurrency below 2', (raw) => (raw.bridge.functions.worker.reservedConcurrency = 1), /^bridge\.functions\.worker\.reservedConcurrency: /],
    ['a FIFO batch above 10', (raw) => (raw.bridge.queue.batchSize = 11), /^bridge\.queue\.batchSize: /],
    [
      'a dead-letter retention shorter than the queue’s',
      (raw) => (raw.bridge.queue.deadLetterRetentionDays = 2),
      /^bridge\.queue\.deadLetterRetentionDays: must be at least 4 days, the retention of the queue itself/,
    ],
    [
      'both an alarm e-mail and a topic',
      (raw) => (raw.bridge.alarms.topicArn = 'arn:aws:sns:eu-west-1:123456789012:oncall'),
      /^bridge\.alarms\.topicArn: both email \(identity-oncall@example\.com\) and topicArn are set; keep one/,
    ],
    ['an unknown key', (raw) => (raw.bridge.memory = 512), /^bridge\.memory: /],
  ])('rejects %s with the path and the fix', (_what, change, expected) => {
    // Only this section's problems: the servicenow section also compares its instance URL with the bridge's.
    const problems = problemsOf(change).filter((problem) => problem.startsWith('bridge'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  test('accepts every CloudWatch retention and an existing alarm topic', () => {
    for (const days of LOG_RETENTION_DAYS) {
      expect(exampleWith((raw) => (raw.bridge.logRetentionDays = days)).bridge.logRetentionDays).toBe(days);
    }
    const config = exampleWith((raw) => (raw.bridge.alarms = { topicArn: 'arn:aws:sns:eu-west-1:123456789012:oncall' }));
    expect(config.bridge.alarms.topicArn).toBe('arn:aws:sns:eu-west-1:123456789012:oncall');
  });
});
