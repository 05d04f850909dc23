import { isoDurationSeconds } from '../../guardrails/rules/governance/iso-duration';
import { fixtureStack, rawData, rawResource, TestType, validate } from './helpers';

describe('LP-OIG1 OigRequestConditionTimeBound: access requests are time-bound and approved', () => {
  test('compliant: 8 hours, with an approval sequence looked up by name', () => {
    const stack = fixtureStack();
    rawData(stack, 'Sequence', 'okta_request_sequence', { resource_id: 'app', name: 'Manager then owner' });
    rawResource(stack, 'Condition', 'okta_request_condition', {
      resource_id: 'app',
      name: 'linux-prod',
      approval_sequence_id: '${data.okta_request_sequence.Sequence.id}',
      access_duration_settings: { type: 'ADMIN_FIXED_DURATION', duration: 'PT8H' },
    });
    validate(stack, 'LP-OIG1', TestType.COMPLIANCE);
  });
  test('non-compliant: no duration and no approval sequence; a duration of a year', () => {
    const stack = fixtureStack();
    rawResource(stack, 'Open', 'okta_request_condition', { resource_id: 'app', name: 'open' });
    rawResource(stack, 'Year', 'okta_request_condition', {
      resource_id: 'app',
      name: 'year',
      approval_sequence_id: 'seq',
      access_duration_settings: { type: 'REQUESTER_SPECIFIED_DURATION', duration: 'P1Y' },
    });
    const messages = validate(stack, 'LP-OIG1', TestType.NON_COMPLIANCE)
      .map((a) => a.message)
      .join('\n');
    expect(messages).toContain('Duration::missing');
    expect(messages).toContain('ApprovalSequence::missing');
    expect(messages).toContain('Duration::P1Y');
  });
  test('reads ISO 8601 durations', () => {
    expect(isoDurationSeconds('PT8H')).toBe(28800);
    expect(isoDurationSeconds('P1DT30M')).toBe(86400 + 1800);
    expect(isoDurationSeconds('P2W')).toBe(14 * 86400);
    expect(isoDurationSeconds('8 hours')).toBeUndefined();
    expect(isoDurationSeconds('PT')).toBeUndefined();
  });
});
