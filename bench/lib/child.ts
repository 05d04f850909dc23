import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** A TypeScript helper process that speaks one JSON object per stdout line. */
export interface JsonChild<T> {
  readonly process: ChildProcessWithoutNullStreams;
  /** The first line it printed (its URLs and keys). */
  readonly ready: T;
  /** Writes `command` on its stdin and resolves with the next JSON line it prints. */
  ask<R>(command: string): Promise<R>;
  /** Closes its stdin (the helper's signal to shut down) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `bench/<script>` under ts-node and waits for its first JSON line. */
export function startJsonChild<T>(script: string, env: NodeJS.ProcessEnv = {}): Promise<JsonChild<T>> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', script)], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const waiting: Array<(line: string) => void> = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => waiting.shift()?.(line));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const next = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before answering:\n${stderr.slice(-2000)}`)));
    });
  return next().then((first) => ({
    process: child,
    ready: JSON.parse(first) as T,
    ask: async <R>(command: string) => {
      const answer = next();
      child.stdin.write(`${command}\n`);
      return JSON.parse(await answer) as R;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  }));
}
