import { App } from 'cdktf';
import { EnvironmentSelectionError } from './config/errors';
import { selectEnvironments } from './config/select';
import { declareEnvironment } from './stacks/environment-stacks';

/**
 * Synthesizes every stack of the selected environments (all of them unless `ENVIRONMENTS=a,b` is set).
 * Every environment file is validated before any construct exists; invalid files end the run with their problems
 * listed, without a stack trace, since the fix is in the file and not in the code.
 */
function main(): void {
  const configs = selectEnvironments(process.env.ENVIRONMENTS);
  const app = new App();
  for (const config of configs) declareEnvironment(app, config);
  app.synth();
}

try {
  main();
} catch (error) {
  if (!(error instanceof EnvironmentSelectionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
