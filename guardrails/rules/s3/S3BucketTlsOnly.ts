import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { bucketPolicyStatements, isBucket, judgeBucketParts, type PolicyStatement } from './bucket-parts';

/**
 * The bucket policy refuses every request not made over TLS (a Deny of `s3:*` to every principal, on the bucket and
 * its objects, when `aws:SecureTransport` is false), and allows nothing to everyone.
 */
export function S3BucketTlsOnly(subject: GuardrailSubject): RuleResult {
  if (subject.kind === 'resource' && subject.type === 'aws_s3_bucket_policy') return policyFindings(subject);
  if (!isBucket(subject)) return Compliance.NOT_APPLICABLE;
  return judgeBucketParts(subject, 'aws_s3_bucket_policy', 'Policy::none', policyFindings);
}

function policyFindings(policy: GuardrailSubject): string[] {
  const statements = bucketPolicyStatements(policy);
  if (!statements) return ['Policy::unreadable'];
  const findings: string[] = [];
  if (!statements.some(deniesInsecureTransport)) findings.push('Policy::allows-insecure-transport');
  if (statements.some((s) => s.effect === 'Allow' && everyone(s))) findings.push('Policy::allows-everyone');
  return findings;
}

const everyone = (s: PolicyStatement): boolean => s.principals.some((p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'));

function deniesInsecureTransport(s: PolicyStatement): boolean {
  const onBucketAndObjects = s.resources.some((r) => !r.endsWith('/*')) && s.resources.some((r) => r.endsWith('/*'));
  const insecure = s.conditions.some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && c.values.includes('false'));
  return s.effect === 'Deny' && everyone(s) && (s.actions.includes('s3:*') || s.actions.includes('*')) && onBucketAndObjects && insecure;
}
