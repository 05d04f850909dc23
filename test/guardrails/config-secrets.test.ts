import { ConfigValidationError } from '../../config/errors';
import { exampleWith, problemsOf } from '../helpers/config';

describe('secrets in environment files never reach a message', () => {
  test('two differing ServiceNow URLs, one with a password: the problem is named, the password is not printed', () => {
    const change = (raw: Record<string, any>) => {
      raw.servicenow.instanceUrl = 'https://admin:hunter2@example-instance.service-now.com';
      raw.bridge.serviceNowInstanceUrl = 'https://other:Sup3r-S3cret@other-instance.service-now.com';
    };
    const problems = problemsOf(change);
    expect(problems).toContainEqual(expect.stringMatching(/^servicenow\.instanceUrl: must not carry credentials/));
    expect(problems).toContainEqual(expect.stringMatching(/^bridge\.serviceNowInstanceUrl: must not carry credentials/));
    let message = '';
    try {
      exampleWith(change);
    } catch (error) {
      message = (error as ConfigValidationError).message;
    }
    expect(message).toContain('servicenow.instanceUrl');
    expect(message).not.toMatch(/hunter2|Sup3r-S3cret/);
  });

  test('a mismatch message quoting a URL with credentials is redacted wherever the problem comes from', () => {
    const error = new ConfigValidationError('example.yaml', [
      {
        path: 'servicenow.instanceUrl',
        message: 'is https://a.service-now.com but bridge.serviceNowInstanceUrl is https://admin:hunter2@b.service-now.com; set both to the same URL',
      },
    ]);
    expect(error.message).toContain('https://admin:****@b.service-now.com');
    expect(error.problems[0].message).not.toContain('hunter2');
  });

  test('a tag that holds a secret is refused by name or by shape, naming the tag and not its value', () => {
    const problems = problemsOf((raw) => {
      raw.tags = { ...raw.tags, 'db-password': 'hunter2', notes: 'AKIAABCDEFGHIJKLMNOP' };
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tags\.db-password: holds a secret \(a secret by its name\)/),
        expect.stringMatching(/^tags\.notes: holds a secret \(AwsAccessKey\)/),
      ]),
    );
    expect(problems.join('\n')).not.toMatch(/hunter2|AKIAABCDEFGHIJKLMNOP/);
  });
});
