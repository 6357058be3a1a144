import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { validationProblem } from './problem';
import { isTimestamp } from './timestamp';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=` on every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: 'Items per page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: "The previous page's `nextCursor`" })
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

/** What a cursor key holds: checked on decoding, since the database would refuse a bad cast. */
export type CursorKey = 'text' | 'uuid' | 'timestamp' | 'integer';

/** A UUID in its text form, any version (ids made by `gen_random_uuid()`, `md5()::uuid`, UUIDv7). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KEY_CHECKS: Record<CursorKey, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string',
  uuid: (value) => typeof value === 'string' && UUID_PATTERN.test(value),
  timestamp: isTimestamp,
  // bigint keys come from the driver as strings of digits
  integer: (value) =>
    (Number.isSafeInteger(value) && (value as number) >= 0) ||
    (typeof value === 'string' && /^\d{1,15}$/.test(value)),
};

/** Reads a cursor back; a cursor that was tampered with or belongs to another list is a 400. */
export function decodeCursor<Keys extends string>(
  cursor: string,
  shape: Record<Keys, CursorKey>,
): Record<Keys, string | number> {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const keys = Object.keys(shape) as Keys[];
  const valid =
    typeof position === 'object' &&
    position !== null &&
    Object.keys(position).length === keys.length &&
    keys.every((key) => KEY_CHECKS[shape[key]]((position as CursorPosition)[key]));
  if (!valid) {
    throw validationProblem([
      { field: 'cursor', message: 'cursor is not one this list issued; start again without it' },
    ]);
  }
  return position as Record<Keys, string | number>;
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
  return Number(decodeCursor(cursor, { id: 'integer' }).id);
}
