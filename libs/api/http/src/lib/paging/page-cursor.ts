import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { ValidationError } from '../domain-error.filter';

/** Rows a list answers when the request names no `limit`. */
export const DEFAULT_PAGE_LIMIT = 100;
/** The largest `limit` a list accepts (a larger one is a 400). */
export const MAX_PAGE_LIMIT = 1_000;

/** A keyset position: the sort key of the last row a page held. */
export type CursorKey = readonly (string | number)[];

/** The `limit` and `cursor` query fields of every paginated list, to spread into its query schema. */
export const pageQueryFields = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).optional(),
  cursor: z.string().min(1).max(1_000).optional(),
};

/** An opaque cursor (base64url JSON) for a keyset position. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The keyset position of a cursor this API gave, checked against the key's shape (`'s'` a string,
 * `'n'` a safe integer per element); a 400 naming `cursor` otherwise.
 */
export function decodeCursor(cursor: string, shape: readonly ('s' | 'n')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const fits =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((v, i) =>
      shape[i] === 's' ? typeof v === 'string' && v.length <= 300 : Number.isSafeInteger(v),
    );
  if (!fits)
    throw new ValidationError('cursor: not a cursor this list gave (pass nextCursor unchanged)');
  return key as (string | number)[];
}

/** A page as lists answer it: `nextCursor` only when more rows follow. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Cuts `rows` (fetched with `limit + 1`, so one more says another page exists) to a page, the cursor
 * holding the key of its last row.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(keyOf(items[items.length - 1])) };
}

/**
 * One page of a list kept in id order (devices, assets, contracts): `fetch` reads at most
 * `limit + 1` rows after the id in the cursor, and the page ends with a cursor when more follow.
 */
export async function idOrderedPage<T extends { id: string }>(
  query: { limit?: number; cursor?: string },
  fetch: (page: { limit: number; after?: string }) => Promise<T[]>,
): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const after =
    query.cursor === undefined ? undefined : String(decodeCursor(query.cursor, ['s'])[0]);
  return toPage(await fetch({ limit: limit + 1, after }), limit, (row) => [row.id]);
}

/** The OpenAPI description of a paged list's `limit` and `cursor` query parameters. */
export const ApiPageQuery = () =>
  applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      description: `page size (default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT})`,
    }),
    ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' }),
  );
