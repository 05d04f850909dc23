/** One finding of an adoption: what does not fit the project's model, and what the first plan will do about it. */
export interface Finding {
  readonly kind: FindingKind;
  /** The object in the org, e.g. `group "Sales EMEA" (00g…)`. */
  readonly object: string;
  /** What the finding means and what to do. */
  readonly detail: string;
}

export type FindingKind =
  /** Exists in the org; the project would not manage it, so it stays outside Terraform. */
  | 'not-managed'
  /** A group rule whose expression the project cannot declare; its group is not adopted. */
  | 'inexpressible'
  /** A name off the project's naming scheme, kept with an explicit name in the environment file. */
  | 'name-mapped'
  /** The first apply would give more access than the org gives today. */
  | 'widened'
  /** The first apply would give less access than the org gives today. */
  | 'narrowed'
  /** The first apply would change the object in another way (description, name of a rule, ...). */
  | 'changed';

/** Section titles, in the order the report shows them: what changes access first, what is left alone last. */
export const FINDING_TITLES: Readonly<Record<FindingKind, string>> = {
  widened: 'Widened by the first apply',
  narrowed: 'Narrowed by the first apply',
  inexpressible: 'Group rules the project cannot express (group not adopted)',
  'name-mapped': 'Names off the naming scheme (kept with an explicit name)',
  changed: 'Changed by the first apply',
  'not-managed': 'Not managed by the project (left alone)',
};

/** Collects findings in order. */
export class Findings {
  readonly all: Finding[] = [];

  add(kind: FindingKind, object: string, detail: string): void {
    this.all.push({ kind, object, detail });
  }

  of(kind: FindingKind): Finding[] {
    return this.all.filter((finding) => finding.kind === kind);
  }
}
