import { Group } from '@cdktf/provider-okta/lib/group';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { profileEquals } from '../../constructs/okta-expression';
import { BaseStack } from '../../stacks/base-stack';
import { escapeTemplateText, escapeTerraformLiterals, readTemplateLiteral } from '../../stacks/terraform-literals';
import { exampleWith } from '../helpers/config';
import { declareForTest, stackJsonOf } from '../helpers/synth';
import type { EnvironmentConfig } from '../../config/schema';

/**
 * Terraform reads every string of its JSON syntax as a template (docs/terraform-string-escaping.md); these tests
 * hold that what the config says is what Terraform reads, for any text, by applying Terraform's documented rules to
 * the synthesized JSON. (`terraform validate` of the real stacks is a second, independent check.)
 */

/** Text rich in what templates and JSON treat specially: `$`, `%`, braces, quotes, backslashes, accents. */
const tricky = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('$', '%', '{', '}', '${', '%{', '$${', '%%{', '"', '\\', '\\"', '~', 'e\u0301', 'é', 'A', ' ') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  ),
  maxLength: 30,
});

/** A template part: literal text or a `${...}` interpolation (with balanced braces and quoted strings inside). */
type Part = { literal: string } | { interpolation: string };

/** Splits a template into literal text (escapes read back) and interpolations, as Terraform's template parser does. */
function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '$' || c === '%') && template[i + 1] === c && template[i + 2] === '{') {
      literal += `${c}{`;
      i += 2;
    } else if (c === '%' && template[i + 1] === '{') {
      throw new Error(`directive at ${i} in '${template}'`);
    } else if (c === '$' && template[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      let inString = false;
      for (; j < template.length && depth > 0; j++) {
        const d = template[j];
        if (inString) {
          if (d === '\\') j++;
          else if (d === '"') inString = false;
        } else if (d === '"') inString = true;
        else if (d === '{') depth++;
        else if (d === '}') depth--;
      }
      const expression = template.slice(i + 2, j - 1);
      // An interpolation of a quoted string literal without template sequences is literal text.
      const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(expression);
      if (quoted && !/[$%]\{/.test(quoted[1])) {
        literal += JSON.parse(`"${quoted[1]}"`) as string;
      } else {
        if (literal) parts.push({ literal });
        literal = '';
        parts.push({ interpolation: expression });
      }
      i = j - 1;
    } else {
      literal += c;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

class LiteralStack extends BaseStack {
  constructor(config: EnvironmentConfig, description: string, name: string) {
    super(Testing.app(), 'literals', { config });
    new OktaProvider(this, 'okta', { orgName: 'example', baseUrl: 'okta.com' });
    const other = new Group(this, 'other', { name: 'other' });
    new Group(this, 'subject', { name: `${name}${other.id}${name}`, description });
  }
}

describe('config text reaches Terraform exactly', () => {
  const config = exampleWith();

  test("escaping then reading with Terraform's template rules gives back any text", () => {
    fc.assert(
      fc.property(tricky, (text) => {
        expect(readTemplateLiteral(escapeTemplateText(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  test('reading then escaping gives back any template that has no interpolation or directive', () => {
    const literalTemplate = tricky.filter((t) => {
      try {
        readTemplateLiteral(t);
        return true;
      } catch {
        return false;
      }
    });
    fc.assert(
      fc.property(literalTemplate, (template) => {
        expect(escapeTemplateText(readTemplateLiteral(template))).toBe(template);
      }),
      { numRuns: 2000 },
    );
  });

  test('a plain string of any stack, and the literal text around a reference, synthesize to exactly their text', () => {
    fc.assert(
      fc.property(tricky, tricky, (description, name) => {
        const json = stackJsonOf(new LiteralStack(config, description, name));
        const group = json.resource.okta_group.subject;
        expect(readTemplateLiteral(group.description)).toBe(description);
        const parts = parseTemplate(group.name);
        expect(parts).toEqual([...(name ? [{ literal: name }] : []), { interpolation: 'okta_group.other.id' }, ...(name ? [{ literal: name }] : [])]);
      }),
      { numRuns: 200 },
    );
  });

  test('a mapping key that would need escaping is a synth error naming it; cdktf metadata is left as written', () => {
    expect(() => escapeTerraformLiterals({ resource: { aws_s3_bucket: { b: { tags: { 'team-${x}': 'a' } } } } })).toThrow(
      /^resource\.aws_s3_bucket\.b\.tags\.team-\$\{x\}: a key with \$\{ or %\{ cannot be written/,
    );
    expect(escapeTerraformLiterals({ '//': { metadata: { path: 'a/${b}' } }, v: '${b}' })).toEqual({ '//': { metadata: { path: 'a/${b}' } }, v: '$${b}' });
  });

  test('without BaseStack, cdktf writes text unescaped (which is why the escaping lives there)', () => {
    // Documents why the escaping lives in BaseStack: without it, `${` reaches Terraform as an interpolation.
    const stack = new TerraformStack(Testing.app(), 'raw');
    new OktaProvider(stack, 'okta', { orgName: 'example', baseUrl: 'okta.com' });
    new Group(stack, 'g', { name: 'A${okta}' });
    expect(stackJsonOf(stack).resource.okta_group.g.name).toBe('A${okta}');
  });

  test('department and role values with template sequences, quotes and backslashes reach every stack as the config says', () => {
    const value = fc
      .tuple(fc.constantFrom('${okta}', '%{if x}', '$${okta}', '%%{', 'a"b', 'c\\d', '$', '%'), fc.stringMatching(/^[A-Za-z]{1,6}$/))
      .map(([tricky, word]) => `${word} ${tricky} ${word}`);
    const baseline = interpolationsOf(synthesizedStrings(config));
    fc.assert(
      fc.property(value, value, (department, title) => {
        const changed = exampleWith((raw) => {
          raw.identity.departments[0].value = department;
          const role = (raw.identity.roles as Array<{ attribute?: string; value: string }>).find((r) => (r.attribute ?? 'title') === 'title');
          if (role) role.value = title;
        });
        const strings = synthesizedStrings(changed);
        const read = strings.flatMap((s) => parseTemplate(s).flatMap((part) => ('literal' in part ? [part.literal] : [])));
        expect(read).toContain(profileEquals('department', department));
        expect(read).toContain(profileEquals('title', title));
        // Nothing in the values is read as an interpolation: the stacks interpolate exactly what they did before.
        expect(interpolationsOf(strings)).toEqual(baseline);
      }),
      { numRuns: 3 },
    );
  });
});

/** Every string of every stack of an environment except the bridge's (which holds no department or role text). */
function synthesizedStrings(config: EnvironmentConfig): string[] {
  const { app } = declareForTest(config);
  return app.node.children
    .filter((c): c is TerraformStack => TerraformStack.isStack(c) && !c.node.id.startsWith('bridge-'))
    .flatMap((stack) => stringsOf(stackJsonOf(stack)));
}

function interpolationsOf(strings: readonly string[]): string[] {
  return [...new Set(strings.flatMap((s) => parseTemplate(s).flatMap((part) => ('interpolation' in part ? [part.interpolation] : []))))].sort();
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => (key === '//' ? [] : stringsOf(child)));
  return [];
}
