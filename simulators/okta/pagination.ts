import { invalidSearch } from './errors';

/** One page of a cursor-paginated list and the `Link` header Okta's list endpoints send. */
export interface Page<T> {
  readonly items: T[];
  readonly next: string | undefined;
  readonly linkHeader: string;
}

/**
 * Cursor pagination as Okta's list endpoints do it: `limit` caps the page, `after` is an opaque cursor (here, the
 * id of the last item of the previous page), and `Link: <…>; rel="self", <…>; rel="next"` points at the next page.
 */
export function paginate<T>(items: readonly T[], idOf: (item: T) => string, url: URL, orgUrl: string, defaultLimit: number, maxLimit: number): Page<T> {
  const limitParam = url.searchParams.get('limit');
  const limit = limitParam === null ? defaultLimit : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalidSearch(`limit must be a positive integer, but ${limitParam} was provided`);
  }
  const pageSize = Math.min(limit, maxLimit);
  const after = url.searchParams.get('after');
  let start = 0;
  if (after !== null) {
    const index = items.findIndex((item) => idOf(item) === after);
    start = index < 0 ? items.length : index + 1;
  }
  const pageItems = items.slice(start, start + pageSize);
  const self = `${orgUrl}${url.pathname}${url.search}`;
  const links = [`<${self}>; rel="self"`];
  let next: string | undefined;
  if (start + pageSize < items.length && pageItems.length > 0) {
    const nextUrl = new URL(self);
    nextUrl.searchParams.set('after', idOf(pageItems[pageItems.length - 1]));
    nextUrl.searchParams.set('limit', String(pageSize));
    next = nextUrl.toString();
    links.push(`<${next}>; rel="next"`);
  }
  return { items: pageItems, next, linkHeader: links.join(', ') };
}
