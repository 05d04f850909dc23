import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber, asRecord, records } from '../../values';
import { LIMITS } from './documented-limits';

/**
 * Stage throttling within the account's default API Gateway quota (above it, the account limit throttles first and
 * the configured figure is a promise nobody keeps), and integration timeouts within the HTTP API maximum.
 */
export function ApiGatewayWithinLimits(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  if (subject.type === 'aws_apigatewayv2_stage') {
    const settings = [asRecord(subject.attributes.default_route_settings), ...records(subject.attributes.route_settings)].filter(
      (s): s is Record<string, unknown> => s !== undefined,
    );
    for (const s of settings) {
      const rate = asNumber(s.throttling_rate_limit);
      const burst = asNumber(s.throttling_burst_limit);
      if (rate !== undefined && rate > LIMITS.apiGatewayAccountRateLimit.value) findings.push(`ThrottlingRateLimit::${rate}`);
      if (burst !== undefined && burst > LIMITS.apiGatewayAccountBurstLimit.value) findings.push(`ThrottlingBurstLimit::${burst}`);
    }
    return findings;
  }
  if (subject.type === 'aws_apigatewayv2_integration') {
    const timeout = asNumber(subject.attributes.timeout_milliseconds);
    if (timeout !== undefined && (timeout < 50 || timeout > LIMITS.apiGatewayIntegrationTimeoutMs.value)) findings.push(`TimeoutMilliseconds::${timeout}`);
    return findings;
  }
  return Compliance.NOT_APPLICABLE;
}
