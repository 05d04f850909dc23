import { ConfigValidationError, EnvironmentSelectionError } from './errors';
import { listEnvironments, loadEnvironment, ENVIRONMENTS_DIR } from './load';
import type { EnvironmentConfig } from './schema';

/**
 * Loads the environments named in `selection` (comma-separated), or all of them when it is empty.
 * Every file is validated and every problem of every file reported together, before anything is synthesized.
 */
export function selectEnvironments(selection: string | undefined, dir: string = ENVIRONMENTS_DIR): EnvironmentConfig[] {
  const names = selection?.trim()
    ? selection
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
    : listEnvironments(dir);
  if (names.length === 0) throw new EnvironmentSelectionError(`no environment files in ${dir}: add one, e.g. by cloning example`);
  const configs: EnvironmentConfig[] = [];
  const failures: ConfigValidationError[] = [];
  for (const name of names) {
    try {
      configs.push(loadEnvironment(name, dir));
    } catch (error) {
      if (!(error instanceof ConfigValidationError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new EnvironmentSelectionError(failures.map((f) => f.message).join('\n\n'));
  return configs;
}
