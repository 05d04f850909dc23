import Ajv2020, { ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../../docs/jml-request.schema.json';
import { JmlRequest } from '../domain/jml-request';
import { FieldProblem } from './responses';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile<JmlRequest>(schema);

/**
 * Validates a parsed body against the published `docs/jml-request.schema.json`, returning one problem per failing
 * field (the first reason for each), with the field written as a dotted path (`user.email`, `approvals[0].approvedAt`).
 */
export function validateJmlRequest(body: unknown): { ok: true; request: JmlRequest } | { ok: false; problems: FieldProblem[] } {
  if (validate(body)) {
    return { ok: true, request: body };
  }
  const problems = new Map<string, string>();
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if') {
      continue;
    }
    const field = fieldOf(error);
    if (!problems.has(field)) {
      problems.set(field, messageOf(error));
    }
  }
  return { ok: false, problems: [...problems].map(([field, message]) => ({ field, message })) };
}

function fieldOf(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) {
    segments.push(params.missingProperty);
  }
  if (error.keyword === 'additionalProperties' && params.additionalProperty) {
    segments.push(params.additionalProperty);
  }
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), '') || '(body)';
}

function messageOf(error: ErrorObject): string {
  const params = error.params as { allowedValues?: unknown[]; additionalProperty?: string };
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field; remove it (see docs/jml-request.schema.json)';
    case 'enum':
      return `must be one of ${(params.allowedValues ?? []).map(String).join(', ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}
