import { S3SealArchive } from '../../src/adapters/seal/s3-seal-ledger';
import { AUDIT_ENV, openEvidence } from '../../src/cli/evidence/open-evidence';

/** What the audit CLIs read in AWS: the table and the seals with the auditor's profile when one is named. */
describe('the audit CLIs against AWS', () => {
  const env = { [AUDIT_ENV.table]: 'jml-bridge-prod', [AUDIT_ENV.region]: 'eu-west-1', [AUDIT_ENV.sealBucket]: 'jml-bridge-prod-seals-123456789012' };
  const s3Of = (archive: unknown) => (archive as unknown as { s3: { config: { profile?: string } } }).s3;

  const dynamoOf = (source: unknown) => (source as { doc: { config: { profile?: string } } }).doc;

  test('read the table and the seal bucket with the profile that assumes the seal auditor role, when BRIDGE_SEAL_PROFILE names one', () => {
    const { archive, source } = openEvidence({ ...env, [AUDIT_ENV.sealProfile]: 'seal-auditor' });
    expect(archive).toBeInstanceOf(S3SealArchive);
    expect(s3Of(archive).config.profile).toBe('seal-auditor');
    expect(dynamoOf(source).config.profile).toBe('seal-auditor');
    const withDefaults = openEvidence(env);
    expect(s3Of(withDefaults.archive).config.profile).toBeUndefined();
    expect(dynamoOf(withDefaults.source).config.profile).toBeUndefined();
  });

  test('refuse to check a table without the seal bucket, naming the variable to set', () => {
    expect(() => openEvidence({ [AUDIT_ENV.table]: 'jml-bridge-prod' })).toThrow(/set BRIDGE_SEAL_BUCKET to the seal bucket/);
  });
});
