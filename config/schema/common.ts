import { z } from 'zod';

/** A stable identifier used in resource names, construct ids and outputs: lowercase, digits and hyphens. */
export const KeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be 1-40 characters of lowercase letters, digits and hyphens, starting with a letter (e.g. "engineering")');

/**
 * Text that ends up inside an Okta Expression Language string literal.
 *
 * Quotes and backslashes are escaped when the expression is built; control characters, line and paragraph separators
 * and unpaired surrogates have no safe literal form in OEL, so they are refused here rather than escaped.
 */
export const ExpressibleTextSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters (Okta profile attributes are limited)')
  .refine((value) => value.trim() === value, 'must not start or end with white space (Okta compares values exactly)')
  .refine(
    (value) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(value),
    'must not contain control characters or line breaks: they cannot be written safely in an Okta expression',
  )
  .refine((value) => !/\p{Cs}/u.test(value), 'must be valid Unicode (no unpaired surrogate characters)');

/** Free text shown to people (descriptions, labels). */
export const DescriptionSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(1024, 'must be at most 1024 characters')
  .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/u.test(value), 'must not contain control characters');

/** An https URL; plain http is never acceptable for anything that carries a secret. */
export const HttpsUrlSchema = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .refine((url) => !/^https:\/\/[^/?#]*@/i.test(url), 'must not carry credentials (user:password@host); put them in the secret store the bridge reads');

/** Adds one issue per repeated `field` value in `items`, at the path of the repeated element, so all are reported at once. */
export function requireUniqueKeys<T>(items: readonly T[], field: keyof T & string, ctx: z.RefinementCtx, what: string, path: (string | number)[]): void {
  const firstIndex = new Map<unknown, number>();
  items.forEach((item, index) => {
    const key = item[field];
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [...path, index, field],
      message: `duplicate ${what} ${field} "${String(key)}" (first used at index ${first}); give each ${what} a unique ${field}`,
    });
  });
}
