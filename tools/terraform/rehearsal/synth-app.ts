import { App } from 'cdktf';
import { selectEnvironments } from '../../../config/select';
import { declareEnvironment } from '../../../stacks/environment-stacks';

/**
 * main.ts for an environments directory outside config/environments (REHEARSAL_CONFIG_DIR): the rehearsal
 * synthesizes a changed copy of the example without touching the checkout's config.
 */
const environmentsDir = process.env.REHEARSAL_CONFIG_DIR;
if (!environmentsDir) throw new Error('REHEARSAL_CONFIG_DIR is not set');
const app = new App();
for (const config of selectEnvironments(process.env.ENVIRONMENTS, environmentsDir)) declareEnvironment(app, config, { environmentsDir });
app.synth();
