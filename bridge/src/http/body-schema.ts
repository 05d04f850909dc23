import type { z } from 'zod';
import { JmlRequest, JmlRequestSchema } from '../domain/jml-request';
import { FieldProblem } from './responses';

/**
 * Validates a parsed body against the request contract (`JmlRequestSchema`, published as
 * `docs/jml-request.schema.json`), returning one problem per failing field (the first reason for each), with the
 * field written as a dotted path (`user.email`, `approvals[0].approvedAt`) and a message in JSON Schema's words.
 */
export function validateJmlRequest(body: unknown): { ok: true; request: JmlRequest } | { ok: false; problems: FieldProblem[] } {
  const result = JmlRequestSchema.safeParse(body);
  if (result.success) {
    return { ok: true, request: result.data };
  }
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    for (const [field, message] of problemsOf(issue)) {
      if (!problems.has(field)) problems.set(field, message);
    }
  }
  return { ok: false, problems: [...problems].map(([field, message]) => ({ field, message })) };
}

const FORMAT_NAMES: Record<string, string> = { email: 'email', date: 'date', datetime: 'date-time' };

function problemsOf(issue: z.core.$ZodIssue): Array<[string, string]> {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => [fieldOf([...issue.path, key]), 'is not a known field; remove it (see docs/jml-request.schema.json)']);
    case 'invalid_type':
      return [
        [
          field,
          issue.input === undefined
            ? 'is required'
            : `must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`,
        ],
      ];
    case 'invalid_value':
      return [[field, `must be one of ${issue.values.map(String).join(', ')}`]];
    case 'invalid_format':
      return [
        [field, issue.format === 'regex' ? `must match pattern "${patternOf(issue)}"` : `must match format "${FORMAT_NAMES[issue.format] ?? issue.format}"`],
      ];
    case 'too_small':
      return [[field, `must NOT have fewer than ${String(issue.minimum)} ${issue.origin === 'array' ? 'items' : 'characters'}`]];
    case 'too_big':
      return [[field, `must NOT have more than ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'}`]];
    default:
      return [[field, issue.message]];
  }
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${String(s)}` : String(s)), '') || '(body)';
}

/** The regex source (`^RITM...$`), as JSON Schema writes a pattern, from zod's `/source/flags`. */
function patternOf(issue: { pattern?: string }): string {
  return (issue.pattern ?? '').replace(/^\/(.*)\/[a-z]*$/s, '$1');
}
