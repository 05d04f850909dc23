import type { GuardrailSubject } from '../../rule';
import { asRecord, isReference, records, referencedAddress, strings } from '../../values';

/** The settings resources that shape an `aws_s3_bucket` (AWS provider 4+ splits a bucket into these). */
export type BucketPart =
  | 'aws_s3_bucket_object_lock_configuration'
  | 'aws_s3_bucket_server_side_encryption_configuration'
  | 'aws_s3_bucket_versioning'
  | 'aws_s3_bucket_public_access_block'
  | 'aws_s3_bucket_ownership_controls'
  | 'aws_s3_bucket_policy';

/** The parts of `type` whose `bucket` refers to the bucket `subject` (by its id or name). */
export function partsOf(bucket: GuardrailSubject, type: BucketPart): GuardrailSubject[] {
  return bucket.stack.elements.filter((e) => e.kind === 'resource' && e.type === type && refersTo(e.attributes.bucket, bucket));
}

function refersTo(value: unknown, bucket: GuardrailSubject): boolean {
  if (typeof value !== 'string') return false;
  if (isReference(value)) return referencedAddress(value) === bucket.address;
  return typeof bucket.attributes.bucket === 'string' && value === bucket.attributes.bucket;
}

export const isBucket = (subject: GuardrailSubject): boolean => subject.kind === 'resource' && subject.type === 'aws_s3_bucket';

/** A bucket with no part of `type`, or a finding for each part that `judge` finds wrong. */
export function judgeBucketParts(bucket: GuardrailSubject, type: BucketPart, missing: string, judge: (part: GuardrailSubject) => string[]): string[] {
  const parts = partsOf(bucket, type);
  return parts.length === 0 ? [missing] : parts.flatMap(judge);
}

/** A policy statement as read from an `aws_iam_policy_document` data source. */
export interface PolicyStatement {
  readonly effect: string;
  readonly principals: Array<{ type: string; identifiers: string[] }>;
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions: Array<{ test: string; variable: string; values: string[] }>;
}

/** The statements of the bucket policy's document: a reference to a policy document in the stack, or literal JSON. */
export function bucketPolicyStatements(policy: GuardrailSubject): PolicyStatement[] | undefined {
  const value = policy.attributes.policy;
  if (typeof value === 'string' && isReference(value)) {
    const address = referencedAddress(value);
    const document = address ? policy.stack.lookup(address) : undefined;
    if (document?.type !== 'aws_iam_policy_document') return undefined;
    return records(document.attributes.statement).map((s) => ({
      effect: String(s.effect ?? 'Allow'),
      principals: records(s.principals).map((p) => ({ type: String(p.type), identifiers: strings(p.identifiers) })),
      actions: strings(s.actions),
      resources: strings(s.resources),
      conditions: records(s.condition).map((c) => ({ test: String(c.test), variable: String(c.variable), values: strings(c.values) })),
    }));
  }
  if (typeof value !== 'string') return undefined;
  const parsed = JSON.parse(value) as { Statement?: unknown };
  return records(parsed.Statement).map((s) => {
    const principal = s.Principal;
    const principals =
      principal === '*'
        ? [{ type: '*', identifiers: ['*'] }]
        : Object.entries(asRecord(principal) ?? {}).map(([type, ids]) => ({ type, identifiers: strings(ids) }));
    const conditions = Object.entries(asRecord(s.Condition) ?? {}).flatMap(([test, vars]) =>
      Object.entries(asRecord(vars) ?? {}).map(([variable, values]) => ({ test, variable, values: strings(values) })),
    );
    return { effect: String(s.Effect ?? 'Allow'), principals, actions: strings(s.Action), resources: strings(s.Resource), conditions };
  });
}
