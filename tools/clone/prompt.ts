import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { CLONE_FIELDS, type CloneFieldName, type CloneValues } from './fields';

export interface PromptOptions {
  /** Ask on these streams; when undefined (stdin is not a terminal), missing values are an error. */
  readonly input?: Readable;
  readonly output?: Writable;
}

/**
 * Fills the missing required values: asks for each one (again until it is valid) when interactive, otherwise
 * fails listing every missing flag, so a CI job learns everything it must pass at once.
 */
export async function completeValues(values: CloneValues, required: readonly CloneFieldName[], options: PromptOptions): Promise<CloneValues> {
  const missing = required.filter((name) => !values[name]);
  if (missing.length === 0) return values;
  if (!options.input) {
    const list = missing.map((name) => `  --${CLONE_FIELDS[name].flag}  ${CLONE_FIELDS[name].describe}`).join('\n');
    throw new Error(`missing required flags (stdin is not a terminal, so they cannot be asked for):\n${list}`);
  }
  // Lines are read through the iterator, which buffers them: answers typed (or piped) ahead are not lost.
  const rl = createInterface({ input: options.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const complete: CloneValues = { ...values };
  try {
    for (const name of missing) {
      const field = CLONE_FIELDS[name];
      for (;;) {
        options.output?.write(`${field.describe}: `);
        const next = await lines.next();
        if (next.done) throw new Error(`input ended before --${field.flag} was given`);
        try {
          complete[name] = field.parse(next.value);
          break;
        } catch (error) {
          options.output?.write(`${(error as Error).message}; try again\n`);
        }
      }
    }
  } finally {
    rl.close();
  }
  return complete;
}
