import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lazy, Testing, TerraformStack, Token } from 'cdktf';
import fc from 'fast-check';
import { applySynthFastPaths, cdktfResolve, discardingPreparedResults, resolvePlainDataFirst, stackJson } from '../../constructs/cdktf-internals';
import { asParsedJson } from '../../constructs/cdktf-internals/stack-json';
import { annotationsOf } from '../../guardrails/annotations';
import { GuardedApp } from '../../guardrails/guarded-app';
import { declareEnvironment } from '../../stacks/environment-stacks';
import { exampleWith } from '../helpers/config';
import { filesUnder } from '../toolchain/synth-example';

const ROOT = join(__dirname, '..', '..');

afterAll(() => applySynthFastPaths());

/**
 * Runs the script's lines in a fresh node process with every `require('cdktf')` resolved to cdktn and TypeScript
 * transpiled by SWC; returns what it printed, parsed as JSON. It must print nothing to stderr.
 */
function underCdktn(lines: readonly string[]): unknown {
  const run = spawnSync(process.execPath, ['-r', './scripts/resolve-cdktf-as-cdktn.js', '-r', './scripts/register-swc.js', '-e', lines.join('\n')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

class Boxed {
  constructor(public readonly text: string) {}
  public toJSON(): string {
    return 'boxed';
  }
}

/**
 * Values as cdktf stacks hold them before resolution: plain data (including strings cdktf's number-token pattern
 * matches, and keys that look like tokens), encoded string, number and list tokens, resolvable objects, and strings
 * that concatenate text with tokens. Each token records when it is resolved, so the order of resolution (which
 * carries cdktf's side effects, such as cross-stack outputs) is compared too.
 */
function values(log: string[]): fc.Arbitrary<unknown> {
  let n = 0;
  const token = <T>(value: T) => {
    const id = `t${n++}`;
    return { produce: () => (log.push(id), value) };
  };
  const text = fc.oneof(fc.string(), fc.constantFrom('a-e-1', '1e5', 'x.e.y', '-', '${x}', '%{y}', 'TfToken[', Token.STRING_MAP_TOKEN_VALUE));
  const leaf = fc.oneof(
    text,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    text.map((s) => Lazy.stringValue(token(s))),
    fc.integer().map((i) => Lazy.numberValue(token(i))),
    fc.array(text, { maxLength: 3 }).map((l) => Lazy.listValue(token(l))),
    fc.array(fc.integer(), { maxLength: 3 }).map((l) => Token.asNumberList(Lazy.anyValue(token(l)))),
    fc.constant(Token.NUMBER_MAP_TOKEN_VALUE),
    fc.tuple(text, text).map(([a, b]) => `${a}${Lazy.stringValue(token(b))}${a}`),
    // (a space before it: cdktf reads digits, '-', '.' and 'e' right before an encoded number as part of it)
    fc.tuple(text, fc.integer()).map(([a, i]) => `${a} ${Lazy.numberValue(token(i))}`),
    text.map((s) => Lazy.anyValue(token({ nested: s }))),
    // not a plain object: cdktf resolves it to a plain copy (so its toJSON no longer applies)
    text.map((s) => new Boxed(s)),
  );
  const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('1e5', 'a-e-b'));
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
  })).value;
}

describe('resolvePlainDataFirst', () => {
  test('resolves every value exactly as cdktf does, tokens in the same order', () => {
    const stack = new TerraformStack(Testing.app(), 'resolve');
    // Error messages quote a token's creation stack, which differs between the two copies: not recorded here.
    applySynthFastPaths(true);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const [ours, theirs]: string[][] = [[], []];
        const [a] = fc.sample(values(ours), { seed, numRuns: 1 });
        const [b] = fc.sample(values(theirs), { seed, numRuns: 1 });
        for (const preparing of [false, true]) {
          ours.length = theirs.length = 0;
          const outcome = (resolve: () => unknown) => {
            try {
              return { value: resolve() };
            } catch (error) {
              return { error: (error as Error).message };
            }
          };
          const fast = outcome(() => resolvePlainDataFirst(stack, a, preparing));
          const reference = outcome(() => cdktfResolve(stack, b, preparing));
          expect(fast).toStrictEqual(reference);
          expect(ours).toEqual(theirs);
          if (!preparing) continue;
          // Where cdktf discards a preparing resolve (prepareStack): the same tokens resolved in the same order.
          ours.length = 0;
          const discarded = outcome(() => discardingPreparedResults(() => resolvePlainDataFirst(stack, a, true)));
          expect(discarded).toStrictEqual('error' in reference ? reference : { value: undefined });
          expect(ours).toEqual(theirs);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('hands a cyclic value to cdktf, which reports the cycle', () => {
    const stack = new TerraformStack(Testing.app(), 'cycle');
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = { again: cyclic };
    expect(() => cdktfResolve(stack, { inner: cyclic })).toThrow(/circular reference at '\/inner\/self\/again/);
    expect(() => resolvePlainDataFirst(stack, { inner: cyclic })).toThrow(/circular reference at '\/self\/again/);
    expect(() => resolvePlainDataFirst(stack, { construct: stack })).toThrow(/circular reference|a Construct/);
  });
});

describe('applySynthFastPaths', () => {
  test('stops recording token creation stacks, and SYNTH_FAST_PATHS=0 brings them back', () => {
    applySynthFastPaths(true);
    expect(Lazy.anyValue({ produce: () => 1 }).creationStack).toEqual([]);
    applySynthFastPaths(false);
    expect(Lazy.anyValue({ produce: () => 1 }).creationStack.length).toBeGreaterThan(0);
  });

  test('takes effect under cdktn too (the exit plan), whose modules it replaces the same way', () => {
    const script = [
      "const { applySynthFastPaths, resolvePlainDataFirst } = require('./constructs/cdktf-internals');",
      'applySynthFastPaths(true);',
      "const { Lazy } = require('cdktf');",
      "console.log(JSON.stringify({ framework: require.resolve('cdktf'), stack: Lazy.anyValue({ produce: () => 1 }).creationStack.length,",
      "  resolve: require('cdktf/lib/_tokens').resolve === resolvePlainDataFirst }));",
    ];
    const seen = underCdktn(script) as { framework: string; stack: number; resolve: boolean };
    expect(seen).toEqual({ framework: expect.stringContaining(join('node_modules', 'cdktn')), stack: 0, resolve: true });
  });

  test('the example synthesizes byte for byte the same with and without them (every stack, manifest, asset)', () => {
    const synth = (fastPaths: boolean) => {
      const outdir = mkdtempSync(join(tmpdir(), `fast-paths-${fastPaths}-`));
      process.env.SYNTH_FAST_PATHS = fastPaths ? '1' : '0';
      try {
        const app = new GuardedApp({ outdir });
        declareEnvironment(app, exampleWith());
        app.synth();
      } finally {
        delete process.env.SYNTH_FAST_PATHS;
      }
      return outdir;
    };
    const [reference, fast] = [synth(false), synth(true)];
    try {
      const [a, b] = [filesUnder(reference), filesUnder(fast)];
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect([...a.keys()].filter((f) => f.endsWith('cdk.tf.json')).length).toBeGreaterThan(3);
      for (const [file, content] of a) expect({ file, same: content.equals(b.get(file)!) }).toEqual({ file, same: true });
    } finally {
      rmSync(reference, { recursive: true, force: true });
      rmSync(fast, { recursive: true, force: true });
    }
  });
});

describe('stackJson', () => {
  test('gives what JSON.parse(Testing.synth(...)) gives for every stack of the example, aspects and validations run alike', () => {
    const stacksOf = () => Object.values(declareEnvironment(Testing.app(), exampleWith())).flatMap((s) => (s instanceof TerraformStack ? [s] : []));
    for (const validations of [false, true]) {
      const [ours, theirs] = [stacksOf(), stacksOf()];
      expect(ours.length).toBeGreaterThanOrEqual(5);
      ours.forEach((stack, i) => {
        const reference = JSON.parse(Testing.synth(theirs[i], validations)) as unknown;
        expect({ stack: stack.node.id, json: stackJson(stack, validations) }).toStrictEqual({ stack: theirs[i].node.id, json: reference });
        expect(annotationsOf(stack).map((a) => a.message)).toEqual(annotationsOf(theirs[i]).map((a) => a.message));
      });
    }
  });

  test('copies any value as JSON text would carry it back, without metadata keys', () => {
    const withoutMetadata = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, item: unknown) => (key === '//' ? undefined : item)) ?? 'null');
    const anything = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(
          fc.string(),
          fc.double(),
          fc.constantFrom(-0, Infinity, NaN),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.constant(undefined),
          fc.date({ noInvalidDate: true }),
        ),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('//', '10', '2')), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(anything, (value) => {
        expect(asParsedJson(value) ?? null).toStrictEqual(withoutMetadata(value));
      }),
      { numRuns: 500 },
    );
  });

  test('runs the aspects under cdktn too, through the same internal path', () => {
    const script = [
      "const { stackJson } = require('./constructs/cdktf-internals');",
      "const { Annotations, Aspects, TerraformOutput, TerraformStack, Testing } = require('cdktf');",
      "const stack = new TerraformStack(Testing.app(), 'tiny');",
      "new TerraformOutput(stack, 'answer', { value: 42 });",
      "Aspects.of(stack).add({ visit: (node) => { if (node === stack) Annotations.of(stack).addInfo('visited'); } });",
      'const json = stackJson(stack);',
      "console.log(JSON.stringify({ framework: require.resolve('cdktf'), output: json.output.answer.value, visited: stack.node.metadata.some((m) => m.data === 'visited') }));",
    ];
    expect(underCdktn(script)).toEqual({ framework: expect.stringContaining(join('node_modules', 'cdktn')), output: 42, visited: true });
  });
});
