import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ENVIRONMENTS_DIR } from '../../config/load';
import { cloneEnvironment } from './clone';
import { CLONE_FIELDS, type CloneFieldName, type CloneValues } from './fields';
import { formatCounts } from './summary';

const USAGE = [
  'usage: npm run env:clone -- --from example --to staging [flags]',
  ...Object.values(CLONE_FIELDS).map((f) => `  --${f.flag.padEnd(20)} ${f.describe}${f.required ? '' : ' (optional)'}`),
  '  --dir                  environments directory (default config/environments)',
  '  --force                replace an existing <to>.yaml',
  '  --no-synth             do not synthesize the clone to count its resources',
  'Missing required values are asked for when stdin is a terminal.',
].join('\n');

async function main(): Promise<void> {
  const fieldOptions = Object.fromEntries(Object.values(CLONE_FIELDS).map((f) => [f.flag, { type: 'string' as const }]));
  const { values } = parseArgs({
    options: {
      ...fieldOptions,
      from: { type: 'string', default: 'example' },
      to: { type: 'string' },
      dir: { type: 'string' },
      force: { type: 'boolean' },
      'no-synth': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.to) throw new Error(`--to is required: the name of the new environment\n${USAGE}`);
  const given: CloneValues = {};
  for (const name of Object.keys(CLONE_FIELDS) as CloneFieldName[]) {
    const value = (values as Record<string, unknown>)[CLONE_FIELDS[name].flag];
    if (typeof value === 'string') given[name] = value;
  }
  const result = await cloneEnvironment({
    from: String(values.from),
    to: values.to,
    dir: path.resolve(values.dir ?? ENVIRONMENTS_DIR),
    values: given,
    force: Boolean(values.force),
    synthesize: !values['no-synth'],
    prompt: process.stdin.isTTY ? { input: process.stdin, output: process.stdout } : {},
  });
  console.log(`wrote ${path.relative(process.cwd(), result.file)} (validated)`);
  for (const note of result.notes) console.log(`- ${note}`);
  if (result.counts) console.log(`\nThe ${values.to} environment will create:\n${formatCounts(result.counts)}`);
  console.log(
    `\nNext: review and commit ${path.basename(result.file)}${result.lookups ? ` and ${path.basename(result.lookups)}` : ''}, then open a pull request: the plan review shows every resource.`,
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
