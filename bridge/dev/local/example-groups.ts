import { loadEnvironment } from '../../../config/load';
import { managedGroupNames } from '../../../config/naming';

/**
 * The managed group names of an environment, from its validated config file (`config/environments/<name>.yaml`), the
 * same list the identity stack creates groups from. Local mode seeds the Okta simulator with them.
 */
export function environmentManagedGroups(environment = 'example'): string[] {
  return managedGroupNames(loadEnvironment(environment).identity);
}
