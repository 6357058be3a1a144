import { ProblemException } from './problem';
import { decodeCursor, decodeLogCursor, encodeCursor, pageOf } from './pagination';

describe('cursor pagination', () => {
  const rows = [1, 2, 3, 4].map((n) => ({ id: `id-${n}`, openedAt: `2026-01-0${n}` }));
  const position = (row: { id: string; openedAt: string }) => ({
    openedAt: row.openedAt,
    id: row.id,
  });

  it('returns the page and a cursor after its last item when more rows exist', () => {
    const page = pageOf(rows, 3, position);
    expect(page.items).toEqual(rows.slice(0, 3));
    expect(decodeCursor(page.nextCursor!, { openedAt: 'text', id: 'text' })).toEqual({
      openedAt: '2026-01-03',
      id: 'id-3',
    });
  });

  it('has no next cursor on the last page', () => {
    expect(pageOf(rows, 4, position)).toEqual({ items: rows, nextCursor: null });
    expect(pageOf([], 10, position)).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a cursor that was tampered with or belongs to another list, naming the cursor field', () => {
    const otherList = encodeCursor({ number: 7 });
    for (const cursor of [
      'not-base64-json',
      otherList,
      encodeCursor({ openedAt: '2026', id: 'x', extra: 1 }),
      // values the database could not cast: refused here, not a 500 there
      encodeCursor({ openedAt: 'yesterday', id: '8a1c3d9e-5b7f-4c2a-9e1d-3f5b7c9a1e2d' }),
      encodeCursor({ openedAt: '2026-11-28T10:00:00.000Z', id: 'x' }),
      encodeCursor({
        openedAt: '2026-13-45T10:00:00.000Z',
        id: '8a1c3d9e-5b7f-4c2a-9e1d-3f5b7c9a1e2d',
      }),
    ]) {
      let thrown: unknown;
      try {
        decodeCursor(cursor, { openedAt: 'timestamp', id: 'uuid' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ProblemException);
      expect((thrown as ProblemException).problem).toMatchObject({
        status: 400,
        errors: [{ field: 'cursor' }],
      });
    }
  });

  it('reads back the cursor of an audit log, whose ids come from the driver as strings', () => {
    const page = pageOf([{ id: '41' }, { id: '42' }], 1, (line) => ({ id: line.id }));
    expect(decodeLogCursor(page.nextCursor!)).toBe(41);
    expect(decodeLogCursor(undefined)).toBe(0);
    expect(() => decodeLogCursor(encodeCursor({ id: '-1' }))).toThrow(ProblemException);
  });

  it('accepts a well-formed position of the declared kinds', () => {
    const position = {
      openedAt: '2026-11-28T10:00:00.000Z',
      id: '8a1c3d9e-5b7f-4c2a-9e1d-3f5b7c9a1e2d',
    };
    expect(decodeCursor(encodeCursor(position), { openedAt: 'timestamp', id: 'uuid' })).toEqual(
      position,
    );
  });
});
