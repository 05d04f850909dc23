import { App } from 'cdktf';
import { selectEnvironments } from './config/select';
import { declareEnvironment } from './stacks/environment-stacks';

/**
 * Synthesizes every stack of the selected environments (all of them unless `ENVIRONMENTS=a,b` is set).
 * Every environment file is validated before any construct exists.
 */
const configs = selectEnvironments(process.env.ENVIRONMENTS);
const app = new App();
for (const config of configs) declareEnvironment(app, config);
app.synth();
