import { TerraformElement, TerraformRemoteState } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Writes every plain string of a stack so that Terraform reads back exactly that text.
 *
 * In Terraform's JSON syntax a string value is a template: `${` starts an interpolation and `%{` a directive, and
 * the only way to write those two sequences literally is to double the first character (`$${`, `%%{`); see
 * docs/terraform-string-escaping.md. cdktf writes plain strings as they are, so a department named `A${okta}` made
 * the plan fail and one named `A$${okta}` was silently read as `A${okta}`. Doing the escaping here, once, on what
 * every element of a stack produces before cdktf resolves its tokens, covers every construct (including ones added
 * later) without anyone having to remember a helper: cdktf's own references are still token markers at that point
 * (`${TfToken[TOKEN.12]}`), so they are told apart from literal text exactly and are left alone.
 *
 * Not covered: string arguments inside cdktf function tokens (`Fn.*`), which cdktf escapes itself (`${` only, not
 * `%{`), and values of `Lazy` tokens; neither carries config text in this project.
 */

/** cdktf's encodings of a string, list or map token inside a string (cdktf/lib/tokens/private/encoding). */
const TOKEN = /[$#&]\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/** Escapes Terraform's template sequences in literal text: `${` -> `$${`, `%{` -> `%%{`. */
export function escapeTemplateText(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/**
 * Terraform's reading of a template without interpolations or directives (the inverse of
 * {@link escapeTemplateText}); throws when the text has an unescaped `${` or `%{`, which Terraform would evaluate.
 */
export function readTemplateLiteral(template: string): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '$' || c === '%') && template[i + 1] === c && template[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else if ((c === '$' || c === '%') && template[i + 1] === '{') {
      throw new Error(`'${template}' has a template sequence ${c}{ at ${i}: Terraform would evaluate it`);
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Escapes the literal parts of one string that may contain cdktf token markers.
 *
 * In a string without tokens the documented escapes are enough. In a string with tokens cdktf itself reads every
 * literal `${ ... }` as an interpolation it must keep open (so `$${` next to a reference is mangled), so there each
 * `$` that could start or join a template sequence is written as an interpolation of itself, `${"$"}`, which cdktf
 * passes through whole and Terraform reads as `$`.
 */
export function escapeLiteralParts(value: string): string {
  // Every template sequence and every token marker has a `{`: most strings have none and stay as they are.
  if (!value.includes('{')) return value;
  const tokens = [...value.matchAll(TOKEN)];
  if (tokens.length === 0) {
    return escapeTemplateText(value);
  }
  let out = '';
  let last = 0;
  for (const match of tokens) {
    out += escapeBesideTokens(value.slice(last, match.index), true);
    out += match[0];
    last = (match.index ?? 0) + match[0].length;
  }
  return out + escapeBesideTokens(value.slice(last), false);
}

function escapeBesideTokens(literal: string, tokenFollows: boolean): string {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i];
    const next = literal[i + 1];
    if (c === '$' && (next === '$' || next === '{' || (next === undefined && tokenFollows))) {
      out += '${"$"}';
    } else if (c === '%' && next === '{') {
      out += '%%';
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Escapes every string value in a stack element's Terraform JSON (before token resolution). Object keys are not
 * templates where cdktf writes them (block types and labels), so they are kept; a key that would need escaping is a
 * synth error naming it rather than a silent change. cdktf's `//` metadata is left exactly as cdktf wrote it.
 */
export function escapeTerraformLiterals(value: unknown, path = ''): unknown {
  if (typeof value === 'string') {
    return escapeLiteralParts(value);
  }
  // Copied only where something changes (most elements have nothing to escape): cdktf resolves the result into a
  // new document anyway, so an unchanged part may be the element's own.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const escaped = escapeTerraformLiterals(value[index], `${path}[${index}]`);
      if (escaped !== value[index]) out ??= value.slice();
      if (out) out[index] = escaped;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let out: Record<string, unknown> | undefined;
    for (const [key, child] of Object.entries(value)) {
      if (key === '//') continue;
      if (key.includes('{') && /[$%]\{/.test(key.replace(TOKEN, ''))) {
        throw new Error(`${path ? `${path}.` : ''}${key}: a key with \${ or %{ cannot be written so that Terraform reads it literally; rename it`);
      }
      const escaped = escapeTerraformLiterals(child, path ? `${path}.${key}` : key);
      if (escaped !== child) out ??= { ...value };
      if (out) out[key] = escaped;
    }
    return out ?? value;
  }
  // Tokens held as objects (IResolvable), numbers and booleans are cdktf's or Terraform's own: unchanged.
  return value;
}

/**
 * Runs a stack's `toTerraform` with every element's own output passed through {@link escapeTerraformLiterals}
 * first, then puts the elements back as they were.
 */
export function withTerraformLiterals<T>(stack: IConstruct, synthesize: () => T): T {
  // cdktf's remote-state data sources (cross-stack references) write `${terraform.workspace}` as an expression on
  // purpose; their other values come from the backend config, whose schema admits no `$` or `%`.
  const elements = stack.node.findAll().filter((c): c is TerraformElement => TerraformElement.isTerraformElement(c) && !(c instanceof TerraformRemoteState));
  for (const element of elements) {
    const own = element.toTerraform;
    element.toTerraform = function escaped(this: TerraformElement) {
      return escapeTerraformLiterals(own.call(this));
    };
  }
  try {
    return synthesize();
  } finally {
    for (const element of elements) {
      delete (element as { toTerraform?: unknown }).toTerraform;
    }
  }
}
