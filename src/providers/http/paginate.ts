/**
 * Aircall list pages: `{ <key>: [...], meta: { next_page_link, ... } }`. Follows
 * `next_page_link` until it is null, so the server decides the page size it honours.
 */
import type { HttpClient } from './http-client.js';
import { ProviderError } from '../errors.js';

export interface PageMeta {
  count: number;
  total: number;
  current_page: number;
  per_page: number;
  next_page_link: string | null;
  previous_page_link: string | null;
}

/** Aircall's largest page: the fewest requests for a whole listing. */
export const MAX_PER_PAGE = 50;

export async function fetchAllPages<T>(client: HttpClient, path: string, key: string, extraQuery: Record<string, string | number> = {}): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = path;
  let query: Record<string, string | number> | undefined = { per_page: MAX_PER_PAGE, ...extraQuery };
  // A server that keeps returning links would loop forever; no account has this many pages.
  for (let page = 0; next !== null; page += 1) {
    if (page > 10_000) throw new ProviderError(`GET ${path}: pagination did not end`);
    const response: { body: unknown } = await client.request({ method: 'GET', path: next, ...(query ? { query } : {}) });
    const body = response.body as Record<string, unknown> | undefined;
    const list = body?.[key];
    if (!Array.isArray(list)) throw new ProviderError(`GET ${path}: the answer has no "${key}" list`);
    items.push(...(list as T[]));
    const meta = body?.['meta'] as Partial<PageMeta> | undefined;
    next = typeof meta?.next_page_link === 'string' && meta.next_page_link ? meta.next_page_link : null;
    query = undefined;
  }
  return items;
}
