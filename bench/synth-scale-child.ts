import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { parse, stringify } from 'yaml';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../config/load';
import { declareEnvironment } from '../stacks/environment-stacks';
import { scaleEnvironment } from './scale-environment';

/**
 * One measurement in a fresh process, so module loading, heap and RSS belong to this size alone.
 * Prints one JSON line: phase timings in ms, peak RSS in MiB, resources synthesized.
 */
function main(size: number): void {
  const started = process.hrtime.bigint();
  const example = parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), 'utf8'));
  const config = parseEnvironment(stringify(scaleEnvironment(example, size)), `scale-${size}.yaml`);
  const validated = process.hrtime.bigint();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-scale-'));
  const app = new App({ outdir });
  declareEnvironment(app, config);
  const declared = process.hrtime.bigint();
  app.synth();
  const synthesized = process.hrtime.bigint();
  let resources = 0;
  for (const stack of fs.readdirSync(path.join(outdir, 'stacks'))) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    for (const byType of Object.values<Record<string, unknown>>(json.resource ?? {})) resources += Object.keys(byType).length;
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;
  console.log(
    JSON.stringify({
      size,
      resources,
      validateMs: ms(started, validated),
      declareMs: ms(validated, declared),
      synthMs: ms(declared, synthesized),
      totalMs: ms(started, synthesized),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

main(Number(process.argv[2]));
