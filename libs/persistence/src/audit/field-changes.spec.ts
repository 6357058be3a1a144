import { fieldChanges } from './field-changes';

describe('fieldChanges', () => {
  const none = new Set<string>();

  it('lists each changed field with its old and new value, in field order', () => {
    expect(
      fieldChanges(
        { state: 'new', priority: 3, tags: ['a'] },
        { state: 'in_progress', priority: 3, tags: ['a', 'b'] },
        none,
      ),
    ).toEqual([
      { field: 'state', oldValue: 'new', newValue: 'in_progress' },
      { field: 'tags', oldValue: ['a'], newValue: ['a', 'b'] },
    ]);
  });

  it('treats a creation as every field going from null', () => {
    expect(fieldChanges(undefined, { name: 'web-01', criticality: 1 }, none)).toEqual([
      { field: 'criticality', oldValue: null, newValue: 1 },
      { field: 'name', oldValue: null, newValue: 'web-01' },
    ]);
  });

  it('changes an expanded object field key by key', () => {
    expect(
      fieldChanges(
        { name: 'db', attributes: { version: '16', port: 5432, gone: true } },
        { name: 'db', attributes: { version: '17', port: 5432, added: 1 } },
        none,
        new Set(['attributes']),
      ),
    ).toEqual([
      { field: 'attributes.added', oldValue: null, newValue: 1 },
      { field: 'attributes.gone', oldValue: true, newValue: null },
      { field: 'attributes.version', oldValue: '16', newValue: '17' },
    ]);
  });

  it('sees a Date and the same instant as equal', () => {
    const at = '2026-11-27T10:00:00.000Z';
    expect(fieldChanges({ openedAt: new Date(at) }, { openedAt: at }, none)).toEqual([]);
  });

  it('skips ignored fields', () => {
    expect(
      fieldChanges({ version: 1, name: 'a' }, { version: 2, name: 'a' }, new Set(['version'])),
    ).toEqual([]);
  });
});
