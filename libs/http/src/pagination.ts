import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { validationProblem } from './problem';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=` on every list endpoint. */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export type CursorPosition = Record<string, string | number>;

/**
 * Cursors are opaque to clients: the sort key of the last item, in URL-safe base64. Keyset
 * pagination stays fast at any depth, and a page does not shift when rows are inserted before it.
 */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Reads a cursor back; a cursor that was tampered with or belongs to another list is a 400. */
export function decodeCursor(cursor: string, keys: readonly string[]): CursorPosition {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const valid =
    typeof position === 'object' &&
    position !== null &&
    keys.every((key) => ['string', 'number'].includes(typeof (position as CursorPosition)[key])) &&
    Object.keys(position).length === keys.length;
  if (!valid) {
    throw validationProblem([
      { field: 'cursor', message: 'cursor is not one this list issued; start again without it' },
    ]);
  }
  return position as CursorPosition;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that another page
 * exists, and the cursor points after the last row returned.
 */
export function pageOf<T>(
  rows: T[],
  limit: number,
  positionOf: (item: T) => CursorPosition,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

/** The position a cursor over an append-only log (`{ id }`, a bigint row id) points after. */
export function decodeLogCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const position = Number(decodeCursor(cursor, ['id']).id);
  if (Number.isSafeInteger(position) && position >= 0) return position;
  throw validationProblem([{ field: 'cursor', message: 'cursor is not one this list issued' }]);
}
