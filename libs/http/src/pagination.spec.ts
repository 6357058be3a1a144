import { ProblemException } from './problem';
import { decodeCursor, encodeCursor, pageOf } from './pagination';

describe('cursor pagination', () => {
  const rows = [1, 2, 3, 4].map((n) => ({ id: `id-${n}`, openedAt: `2026-01-0${n}` }));
  const position = (row: { id: string; openedAt: string }) => ({
    openedAt: row.openedAt,
    id: row.id,
  });

  it('returns the page and a cursor after its last item when more rows exist', () => {
    const page = pageOf(rows, 3, position);
    expect(page.items).toEqual(rows.slice(0, 3));
    expect(decodeCursor(page.nextCursor!, ['openedAt', 'id'])).toEqual({
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
    ]) {
      let thrown: unknown;
      try {
        decodeCursor(cursor, ['openedAt', 'id']);
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
});
