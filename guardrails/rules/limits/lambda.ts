import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asNumber, asRecord } from '../../values';
import { LIMITS } from './documented-limits';

/**
 * Bytes a `${...}` reference in an environment value is counted as: the values the bridge references are queue URLs,
 * table names and secret ARNs, each under about 160 bytes with 64-character names; 256 leaves room for long Regions
 * and account aliases without hiding a real overflow behind the unknown.
 */
export const REFERENCE_ESTIMATE_BYTES = 256;

const REFERENCE = /\$\{[^{}]*\}/g;

/** Bytes `value` will have once Terraform resolves it: literal bytes plus {@link REFERENCE_ESTIMATE_BYTES} per reference. */
export function resolvedBytes(value: string): number {
  const references = value.match(REFERENCE) ?? [];
  return Buffer.byteLength(value.replace(REFERENCE, ''), 'utf8') + references.length * REFERENCE_ESTIMATE_BYTES;
}

/** Bytes Lambda counts toward the 4 KB quota: every variable's name and value (UTF-8). */
export function environmentBytes(variables: Record<string, unknown>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(variables)) bytes += Buffer.byteLength(name, 'utf8') + resolvedBytes(String(value));
  return bytes;
}

/** A function's environment variables fit Lambda's 4 KB quota, which `terraform apply` would otherwise hit. */
export function LambdaEnvironmentSize(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_lambda_function') return Compliance.NOT_APPLICABLE;
  const variables = asRecord(asRecord(subject.attributes.environment)?.variables) ?? {};
  const bytes = environmentBytes(variables);
  return bytes > LIMITS.lambdaEnvironmentBytes.value ? [`EnvironmentBytes::${bytes}`] : [];
}

/** Timeout, memory, name and description within what CreateFunction accepts. */
export function LambdaSettingsWithinLimits(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'aws_lambda_function') return Compliance.NOT_APPLICABLE;
  const a = subject.attributes;
  const findings: string[] = [];
  const timeout = asNumber(a.timeout);
  if (timeout !== undefined && (timeout < 1 || timeout > LIMITS.lambdaTimeoutSeconds.value)) findings.push(`Timeout::${timeout}`);
  const memory = asNumber(a.memory_size);
  if (memory !== undefined && (memory < LIMITS.lambdaMemoryMbMin.value || memory > LIMITS.lambdaMemoryMbMax.value)) findings.push(`MemorySize::${memory}`);
  if (typeof a.function_name === 'string' && resolvedBytes(a.function_name) > LIMITS.lambdaFunctionNameChars.value) {
    findings.push(`FunctionName::${a.function_name.length}`);
  }
  if (typeof a.description === 'string' && a.description.length > LIMITS.lambdaDescriptionChars.value) findings.push(`Description::${a.description.length}`);
  return findings;
}
