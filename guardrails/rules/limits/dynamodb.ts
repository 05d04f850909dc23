import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asList, asNumber, asRecord } from '../../values';
import { LIMITS } from './documented-limits';

/**
 * Room a golden-thread item keeps besides the request it was parsed from: keys, index attributes, state, and the journal
 * of Okta calls and System Log events appended while the request is applied.
 */
export const THREAD_JOURNAL_RESERVE_BYTES = 64 * 1024;

/** The variable the intake reads its body limit from (`bridge/contract/env-names.ts`, `BODY_LIMIT_BYTES`). */
const BODY_LIMIT_VARIABLE = 'BODY_LIMIT_BYTES';

/**
 * The intake records every accepted request in one DynamoDB item, so the largest body it accepts, plus the journal
 * reserve, must fit DynamoDB's 400 KB item limit: else a large request is accepted, then fails to save with a 5xx.
 */
export function DynamoDbItemFitsBridgeRequests(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_lambda_function') return Compliance.NOT_APPLICABLE;
  const variables = asRecord(asRecord(subject.attributes.environment)?.variables) ?? {};
  const limit = asNumber(variables[BODY_LIMIT_VARIABLE]);
  if (limit === undefined) return Compliance.NOT_APPLICABLE;
  return limit + THREAD_JOURNAL_RESERVE_BYTES > LIMITS.dynamoDbItemBytes.value ? [`BodyLimitBytes::${limit}`] : [];
}

/** A table has no more global secondary indexes than the default quota allows. */
export function DynamoDbIndexCount(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_dynamodb_table') return Compliance.NOT_APPLICABLE;
  const count = asList(subject.attributes.global_secondary_index).length;
  return count > LIMITS.dynamoDbGsisPerTable.value ? [`GlobalSecondaryIndexes::${count}`] : [];
}

/** An item Terraform writes (`aws_dynamodb_table_item.item`, DynamoDB JSON) fits DynamoDB's 400 KB item limit. */
export function DynamoDbTableItemSize(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_dynamodb_table_item') return Compliance.NOT_APPLICABLE;
  const item = subject.attributes.item;
  if (typeof item !== 'string') return Compliance.NOT_APPLICABLE;
  // The JSON's bytes bound the item's: DynamoDB counts names and values without the type wrappers and quotes.
  const bytes = Buffer.byteLength(item, 'utf8');
  return bytes > LIMITS.dynamoDbItemBytes.value ? [`ItemBytes::${bytes}`] : [];
}
