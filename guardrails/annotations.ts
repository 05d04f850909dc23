import { AnnotationMetadataEntryType } from 'cdktf';
import type { IConstruct } from 'constructs';

/** One annotation as `cdktf synth` prints it. */
export interface CollectedAnnotation {
  readonly level: 'error' | 'warning' | 'info';
  /** Construct path of the annotated node. */
  readonly path: string;
  readonly message: string;
}

const LEVELS: Record<string, CollectedAnnotation['level']> = {
  [AnnotationMetadataEntryType.ERROR]: 'error',
  [AnnotationMetadataEntryType.WARN]: 'warning',
  [AnnotationMetadataEntryType.INFO]: 'info',
};

/**
 * Every annotation on `scope` and below. `Testing.synth` neither fails on error annotations nor returns them,
 * so tests (and tools that synthesize in-process) read them here after aspects have run.
 */
export function annotationsOf(scope: IConstruct): CollectedAnnotation[] {
  return scope.node
    .findAll()
    .flatMap((node) =>
      node.node.metadata
        .filter((entry) => entry.type in LEVELS)
        .map((entry) => ({ level: LEVELS[entry.type], path: node.node.path, message: String(entry.data) })),
    );
}
