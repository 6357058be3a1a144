import { historyLines } from './ci-history';

describe('historyLines', () => {
  const row = (field: string, old_value: unknown, new_value: unknown) => ({
    id: '7',
    field,
    old_value,
    new_value,
    operation: 'update',
    actor: 'source:discovery',
    changed_at: new Date('2026-11-27T10:00:00Z'),
  });

  it('shows one line per attribute that changed', () => {
    const lines = historyLines(
      row('attributes', { os: 'debian', cpu: 4, gone: 1 }, { os: 'debian', cpu: 8, added: true }),
    );
    expect(lines.map((l) => [l.field, l.oldValue, l.newValue])).toEqual([
      ['attributes.added', null, true],
      ['attributes.cpu', 4, 8],
      ['attributes.gone', 1, null],
    ]);
    expect(lines[0]).toMatchObject({
      changedBy: 'source:discovery',
      changedAt: '2026-11-27T10:00:00.000Z',
    });
  });

  it('keeps other fields as they are', () => {
    expect(historyLines(row('name', 'a', 'b'))).toEqual([
      expect.objectContaining({ field: 'name', oldValue: 'a', newValue: 'b' }),
    ]);
  });
});
