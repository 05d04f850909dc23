import { AnnotationMetadataEntryType, App, Aspects, Manifest, TerraformStack, type AppConfig, type ISynthesisSession, type IStackSynthesizer } from 'cdktf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SecretOutputsAreSensitive } from '../constructs/provider-secrets/provider-secrets';
import { judgeStack, SUPPRESSION_CHECK } from './judge';
import { REPORT_FILE, type GuardrailPack } from './pack';
import { LeastPrivilegeChecks } from './packs/least-privilege';
import { guardedPacks } from './registry';
import type { GuardrailReport } from './report';
import { redact } from './secrets';
import { suppressionsOn } from './suppressions';
import type { StackJson } from './subjects';

/** Exit code of a synth that guardrails failed (config errors exit 1); tools that only report findings accept it. */
export const GUARDRAIL_FAILURE_EXIT_CODE = 3;

/** Thrown after synthesis when any stack has an error annotation: lists each one with its construct path. */
export class GuardrailViolation extends Error {
  constructor(public readonly errors: readonly string[]) {
    super(`Guardrails failed with ${errors.length} error(s); nothing may be planned until each is fixed:\n${errors.join('\n')}`);
    this.name = 'GuardrailViolation';
  }
}

/** Outdirs a GuardedApp synthesizes into in this process, with the stacks its manifest must list at exit. */
const claimed = new Map<string, string[]>();
let exitCheckInstalled = false;

/** Why the manifest in `outdir` is not the one this process's GuardedApp wrote, or undefined when it is. */
export function foreignManifestProblem(outdir: string, expectedStacks: readonly string[]): string | undefined {
  const file = path.join(outdir, Manifest.fileName);
  // Gone (the directory was cleaned up) is not another App's manifest.
  if (!fs.existsSync(file)) return undefined;
  const listed = Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { stacks?: object }).stacks ?? {}).sort();
  const expected = [...expectedStacks].sort();
  if (listed.join(',') === expected.join(',')) return undefined;
  return `${file} lists stacks [${listed.join(', ')}], not the guarded app's [${expected.join(', ')}]: another App synthesized into the same directory`;
}

function installExitCheck(): void {
  if (exitCheckInstalled) return;
  exitCheckInstalled = true;
  process.once('exit', () => {
    for (const [outdir, stacks] of claimed) {
      const problem = foreignManifestProblem(outdir, stacks);
      if (!problem) continue;
      console.error(`[guardrails] ${problem}. The project synthesizes exactly one App (main.ts); remove the other one.`);
      process.exitCode = GUARDRAIL_FAILURE_EXIT_CODE;
    }
  });
}

/** Judges a stack's final JSON after cdktf wrote it (every Aspect has run), with the packs enrolled on it. */
class GuardedStackSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
    private readonly app: GuardedApp,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    let written = true;
    try {
      this.inner.synthesize(session);
    } catch (error) {
      // cdktf stops at a stack's first error annotations (outside the CLI); judge it anyway, so the one error this
      // app throws lists every problem whichever way it is run.
      if (!/Encountered Annotations with level "ERROR"/.test((error as Error).message)) throw error;
      written = false;
    }
    const started = performance.now();
    const stackManifest = session.manifest.forStack(this.stack);
    const file = path.join(session.outdir, stackManifest.synthesizedStackPath);
    // The file Terraform will read; HCL output (SYNTH_HCL_OUTPUT) is judged from the same JSON before conversion.
    const fromDisk = written && file.endsWith('.json') && fs.existsSync(file);
    const json = (fromDisk ? JSON.parse(fs.readFileSync(file, 'utf8')) : this.stack.toTerraform()) as StackJson;
    const enrolled = guardedPacks.get(this.stack) ?? [];
    const packs: GuardrailPack[] = enrolled.length > 0 ? enrolled : [new LeastPrivilegeChecks()];
    const { report, notes } = judgeStack(this.stack, json, packs);
    for (const note of notes) {
      stackManifest.annotations.push({ constructPath: note.construct.node.path, level: levelOf(note.level), message: note.message });
    }
    fs.writeFileSync(path.join(session.outdir, stackManifest.workingDirectory, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    this.app.reports.set(this.stack.node.path, report);
    this.app.guardrailMs += performance.now() - started;
  }
}

function levelOf(level: 'error' | 'warning' | 'info'): AnnotationMetadataEntryType {
  return level === 'error' ? AnnotationMetadataEntryType.ERROR : level === 'warning' ? AnnotationMetadataEntryType.WARN : AnnotationMetadataEntryType.INFO;
}

/**
 * The project's one App. Every stack in it (BaseStack or plain TerraformStack) is judged on the JSON it synthesizes,
 * after every Aspect ran, by the packs its Aspects enrolled (LeastPrivilege when none); SecretOutputsAreSensitive
 * runs on every stack. Any error annotation fails `synth()` with a GuardrailViolation, whichever manifest a CLI
 * reads; and a second App writing into the same output directory fails the process.
 */
export class GuardedApp extends App {
  /** Guardrail report of each stack by construct path, also written to `guardrails.json` beside its cdk.tf.json. */
  public readonly reports = new Map<string, GuardrailReport>();
  /** Time spent judging (reading each stack's JSON, every rule, the report), for `npm run bench -- guardrail-cost`. */
  public guardrailMs = 0;
  private synthesized = false;

  constructor(config: AppConfig = {}) {
    super(config);
    const outdir = path.resolve(this.outdir);
    if (claimed.has(outdir)) throw new Error(`a second App synthesizes into ${outdir}; the project has exactly one App (main.ts)`);
    claimed.set(outdir, []);
  }

  public synth(): void {
    const outdir = path.resolve(this.outdir);
    const misplaced = suppressionsOn(this).map(
      (s) =>
        `[${this.node.path || '(app)'}] [${SUPPRESSION_CHECK}] suppression ${String(s.id)} on the App: a suppression there would cover every stack; put it on the construct that holds the finding`,
    );
    if (misplaced.length > 0) throw new GuardrailViolation(misplaced.map(redact));
    const manifestFile = path.join(outdir, Manifest.fileName);
    if (!this.synthesized && fs.existsSync(manifestFile) && fs.statSync(manifestFile).mtimeMs >= performance.timeOrigin) {
      throw new GuardrailViolation([
        `another App already synthesized ${manifestFile} in this process; the project has exactly one App (main.ts): remove the other one`,
      ]);
    }
    const stacks = this.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    for (const stack of stacks) {
      if (!guardedPacks.has(stack)) {
        guardedPacks.set(stack, []);
        // cdktf invokes the Aspects of each stack, not of the App: registered here so no stack goes without it.
        if (!Aspects.of(stack).all.some((a) => a instanceof SecretOutputsAreSensitive)) Aspects.of(stack).add(new SecretOutputsAreSensitive());
      }
      if (!(stack.synthesizer instanceof GuardedStackSynthesizer)) stack.synthesizer = new GuardedStackSynthesizer(stack, stack.synthesizer, this);
    }
    this.synthesized = true;
    super.synth();
    claimed.set(outdir, Object.keys(this.manifest.stacks));
    installExitCheck();
    const errors = Object.values(this.manifest.stacks).flatMap((s) =>
      s.annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR).map((a) => redact(`[${a.constructPath}] ${a.message}`)),
    );
    if (errors.length > 0) throw new GuardrailViolation(errors);
  }
}
