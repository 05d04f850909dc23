import { redact } from '../guardrails/secrets';

/** One problem in an environment file: where it is, what is wrong and how to fix it. */
export interface ConfigProblem {
  /** Dotted path with array indexes in brackets, e.g. `identity.departments[2].value`. */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the YAML file, when the path exists in the file. */
  readonly line?: number;
}

/** Thrown before any construct is created when an environment file is invalid; lists every problem at once. */
export class ConfigValidationError extends Error {
  public readonly problems: readonly ConfigProblem[];
  public readonly file: string;

  constructor(file: string, reported: readonly ConfigProblem[]) {
    // Messages may quote config values; a value can hold a credential (a URL with user:password@), never printed.
    const problems = reported.map((p) => ({ ...p, message: redact(p.message) }));
    const lines = problems.map((p) => `- ${p.path || '(root)'}: ${p.message}${p.line ? ` (line ${p.line})` : ''}`);
    super(`${file} failed validation with ${problems.length} problem(s):\n${lines.join('\n')}`);
    this.name = 'ConfigValidationError';
    this.problems = problems;
    this.file = file;
  }
}

/** Formats a zod-style path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}

/** Thrown when one or more selected environments are invalid; its message lists every problem of every file. */
export class EnvironmentSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentSelectionError';
  }
}
