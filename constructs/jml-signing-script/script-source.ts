import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where the ServiceNow script sources live, as real `.js` files reviewers and linters can read. */
export const SCRIPTS_DIR = path.resolve(__dirname, '..', '..', 'servicenow', 'scripts');

/**
 * Reads a ServiceNow script from `servicenow/scripts/` at synth time, so its text lands verbatim in the resource.
 *
 * Read at synth rather than with Terraform's `file()` (`Fn.file`): the synthesized stack under cdktf.out has no
 * copy of the repository, so a relative path would not resolve at plan time, and the script's text in the plan is
 * what a reviewer should see change. Terraform interpolates `${` and `%{` in every string, so a source containing
 * either is refused rather than silently altered.
 */
export function loadScriptSource(fileName: string): string {
  const file = path.join(SCRIPTS_DIR, fileName);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `ServiceNow script ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); it must exist in servicenow/scripts/`,
    );
  }
  return checkScriptSource(source, fileName);
}

/** Returns `source` unchanged, or throws naming the line of the first Terraform template sequence in it. */
export function checkScriptSource(source: string, fileName: string): string {
  const match = /[$%]\{/.exec(source);
  if (match) {
    const line = source.slice(0, match.index).split('\n').length;
    throw new Error(
      `ServiceNow script ${fileName} contains "${match[0]}" on line ${line}, which Terraform would read as a template sequence; rewrite it (e.g. concatenate the "${match[0][0]}" and "{")`,
    );
  }
  return source;
}
