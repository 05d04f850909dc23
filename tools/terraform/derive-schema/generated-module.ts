import { readFileSync } from 'node:fs';

/**
 * The TypeScript that cdktf's generator wrote for one prebuilt binding module, read back from the inline source
 * map of `lib/<module>/index.js` (the packages ship it as `sourcesContent`). The generator writes, for every
 * attribute it read from the provider's schema, a line `// <name> - computed: <bool>, optional: <bool>,
 * required: <bool>`, and, for every configurable attribute, an HCL descriptor `{ isBlock, type, storageClassType }`.
 * Those two records, together, are the schema; the `.jsii` assembly carries the same structs and optionality but
 * not the `computed` flag of optional attributes, so this module is the more faithful source.
 */
export function generatedTypeScript(moduleIndexJs: string): string {
  const js = readFileSync(moduleIndexJs, 'utf8');
  const match = /sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/m.exec(js);
  if (!match) throw new Error(`${moduleIndexJs} has no inline source map: cannot read the generated TypeScript`);
  const map = JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) as { sourcesContent?: string[] };
  const source = map.sourcesContent?.[0];
  if (!source) throw new Error(`${moduleIndexJs}: its source map carries no sourcesContent`);
  return source;
}

export interface AttributeRecord {
  readonly name: string;
  readonly computed: boolean;
  readonly optional: boolean;
  readonly required: boolean;
  /** The declaration and getter lines after the comment, where the type is visible. */
  readonly code: string;
}

export interface HclDescriptor {
  readonly isBlock: boolean;
  readonly type: 'simple' | 'list' | 'set' | 'map' | 'struct';
  readonly storageClassType: string;
}

export interface GeneratedModule {
  /** Class name -> its attribute records, in source order. */
  readonly classes: ReadonlyMap<string, { base: string; attributes: AttributeRecord[]; body: string }>;
  /** Struct name (`Foo` of `fooToHclTerraform`) or `<Class>` for a class's own synthesizeHclAttributes. */
  readonly hcl: ReadonlyMap<string, ReadonlyMap<string, HclDescriptor>>;
  /** Interface name -> camelCase field -> optional (`?`). Provider-config blocks exist only as interfaces. */
  readonly interfaces: ReadonlyMap<string, ReadonlyMap<string, boolean>>;
}

const ATTRIBUTE =
  /^ {2}\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)\n((?: {2}(?:private|public)[^\n]*\n(?: {4}[^\n]*\n)?(?: {2}\}\n)?){1,2})/gm;
const HCL_ENTRY = /^\s+(\w+): \{\n\s+value: [^\n]*\n\s+isBlock: (true|false),\n\s+type: "(\w+)",\n\s+storageClassType: "(\w+)",\n\s+\}/gm;

export function parseGeneratedModule(source: string): GeneratedModule {
  const classes = new Map<string, { base: string; attributes: AttributeRecord[]; body: string }>();
  for (const match of source.matchAll(/^export class (\w+) extends ([\w.]+) \{\n([\s\S]*?)^\}\n/gm)) {
    const attributes = [...match[3].matchAll(ATTRIBUTE)].map((a) => ({
      name: a[1],
      computed: a[2] === 'true',
      optional: a[3] === 'true',
      required: a[4] === 'true',
      code: a[5],
    }));
    classes.set(match[1], { base: match[2], attributes, body: match[3] });
  }
  const hcl = new Map<string, Map<string, HclDescriptor>>();
  const headers = [
    ...[...source.matchAll(/^export function (\w+)ToHclTerraform\(/gm)].map((m) => ({ at: m.index!, key: m[1][0].toUpperCase() + m[1].slice(1) })),
    ...[...source.matchAll(/^export class (\w+) extends/gm)].map((m) => ({ at: m.index!, key: m[1] })),
  ].sort((a, b) => a.at - b.at);
  for (const entry of source.matchAll(HCL_ENTRY)) {
    const owner = headers.filter((header) => header.at < entry.index!).pop();
    if (!owner) continue;
    const group = hcl.get(owner.key) ?? new Map<string, HclDescriptor>();
    group.set(entry[1], { isBlock: entry[2] === 'true', type: entry[3] as HclDescriptor['type'], storageClassType: entry[4] });
    hcl.set(owner.key, group);
  }
  const interfaces = new Map<string, Map<string, boolean>>();
  for (const match of source.matchAll(/^export interface (\w+)[^{]*\{\n([\s\S]*?)^\}\n/gm)) {
    const fields = new Map<string, boolean>();
    for (const field of match[2].matchAll(/^ {2}readonly (\w+)(\??):/gm)) fields.set(field[1], field[2] === '?');
    interfaces.set(match[1], fields);
  }
  return { classes, hcl, interfaces };
}
