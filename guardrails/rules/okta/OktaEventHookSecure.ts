import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { asRecord, isReference, referencedAddress } from '../../values';

/** Data sources whose values are secrets by construction, acceptable as the source of a header secret. */
const SECRET_SOURCES = ['data.aws_secretsmanager_secret_version.', 'data.aws_ssm_parameter.'];

/**
 * Attributes that are always https URLs (API Gateway v2 endpoints and stage URLs, Lambda function URLs), as a
 * reference in this stack or as the cross-stack output cdktf names after the referenced attribute
 * (`cross-stack-output-<type><id><attribute>`).
 */
const HTTPS_ATTRIBUTE =
  /^(?:aws_apigatewayv2_api\.[\w-]+\.api_endpoint|aws_apigatewayv2_stage\.[\w-]+\.invoke_url|aws_lambda_function_url\.[\w-]+\.function_url)$/;
const HTTPS_CROSS_STACK =
  /^data\.terraform_remote_state\.[\w-]+\.outputs\.cross-stack-output-(?:aws_apigatewayv2_api[\w-]*api_endpoint|aws_apigatewayv2_stage[\w-]*invoke_url|aws_lambda_function_url[\w-]*function_url)$/;

/**
 * True when the URI is https by construction: a literal `https://...`, or a plain reference to an always-https
 * attribute followed by a literal path. Anything computed (`replace(...)`, a variable, a conditional) is not proof.
 */
export function isHttpsUri(uri: unknown): boolean {
  if (typeof uri !== 'string') return false;
  if (uri.startsWith('https://')) return true;
  const match = /^\$\{([^{}()?:\s]+)\}(\/[^${}]*)?$/.exec(uri);
  return match !== null && (HTTPS_ATTRIBUTE.test(match[1]) || HTTPS_CROSS_STACK.test(match[1]));
}

/**
 * An event hook delivers over https and authenticates with a header whose value comes from a sensitive input
 * (a `sensitive` variable without default, or a secret-store data source), never a literal in the configuration.
 */
export function OktaEventHookSecure(subject: GuardrailSubject): RuleResult {
  if (subject.kind !== 'resource' || subject.type !== 'okta_event_hook') return Compliance.NOT_APPLICABLE;
  const findings: string[] = [];
  const uri = asRecord(subject.attributes.channel)?.uri;
  if (!isHttpsUri(uri)) findings.push(typeof uri === 'string' && uri.includes('${') ? 'Uri::computed' : `Uri::${String(uri)}`);
  const auth = asRecord(subject.attributes.auth);
  if (auth?.type !== 'HEADER') return [...findings, 'Auth::missing'];
  const value = auth.value;
  const address = typeof value === 'string' && isReference(value) ? referencedAddress(value) : undefined;
  if (!address) findings.push('AuthValue::literal');
  else if (address.startsWith('var.')) {
    if (!subject.stack.sensitiveVariables.has(address.slice('var.'.length))) findings.push(`AuthValue::${address}`);
  } else if (!SECRET_SOURCES.some((prefix) => address.startsWith(prefix))) findings.push(`AuthValue::${address}`);
  return findings;
}
