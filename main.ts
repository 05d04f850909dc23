import { EnvironmentSelectionError } from './config/errors';
import { GUARDRAIL_FAILURE_EXIT_CODE, GuardedApp, GuardrailViolation } from './guardrails/guarded-app';
import { selectEnvironments } from './config/select';
import { declareEnvironment } from './stacks/environment-stacks';

/**
 * Synthesizes every stack of the selected environments (all of them unless `ENVIRONMENTS=a,b` is set).
 * Every environment file is validated before any construct exists; invalid files end the run with their problems
 * listed, without a stack trace, since the fix is in the file and not in the code. This is the project's one App
 * (a GuardedApp: every stack is judged on the JSON it synthesizes, guardrails/RULES.md); a guardrail error ends
 * the run with exit code 3 whichever manifest the CLI reads.
 */
function main(): void {
  const configs = selectEnvironments(process.env.ENVIRONMENTS);
  const app = new GuardedApp();
  for (const config of configs) declareEnvironment(app, config);
  app.synth();
}

try {
  main();
} catch (error) {
  if (!(error instanceof EnvironmentSelectionError) && !(error instanceof GuardrailViolation)) throw error;
  console.error(error.message);
  process.exitCode = error instanceof GuardrailViolation ? GUARDRAIL_FAILURE_EXIT_CODE : 1;
}
