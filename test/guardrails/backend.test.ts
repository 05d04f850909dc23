import { S3Backend, TerraformStack, Testing } from 'cdktf';
import { TestType, validate } from './helpers';

function s3Stack(config: Partial<ConstructorParameters<typeof S3Backend>[1]>, lockfile = false): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new S3Backend(stack, { bucket: 'state', key: 'fixture.tfstate', region: 'eu-west-1', ...config });
  if (lockfile) stack.addOverride('terraform.backend.s3.use_lockfile', true);
  return stack;
}

describe('LP-TF1 StateBackendEncryptedLocked: S3 state is encrypted and locked', () => {
  test('compliant: encrypted with S3 lock files, or with a DynamoDB lock table', () => {
    validate(s3Stack({ encrypt: true }, true), 'LP-TF1', TestType.COMPLIANCE);
    validate(s3Stack({ encrypt: true, dynamodbTable: 'locks' }), 'LP-TF1', TestType.COMPLIANCE);
  });
  test('non-compliant: unencrypted and unlocked, reported on the backend construct', () => {
    const found = validate(s3Stack({}), 'LP-TF1', TestType.NON_COMPLIANCE);
    expect(found.map((a) => /\(([^)]+)\)/.exec(a.message)?.[1])).toEqual(['Encrypt::off', 'Lock::none']);
    expect(found[0].path).toBe('fixture/backend');
  });
});
