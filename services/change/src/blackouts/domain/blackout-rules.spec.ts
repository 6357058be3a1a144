import { blackoutErrors, editedBlackout, type BlackoutFields } from './blackout-rules';

const freeze = (overrides: Partial<BlackoutFields> = {}): BlackoutFields => ({
  name: 'Year-end freeze',
  reason: null,
  start: new Date('2026-12-20T00:00:00Z'),
  end: new Date('2027-01-04T00:00:00Z'),
  scope: 'global',
  ciIds: [],
  serviceIds: [],
  ...overrides,
});

describe('a blackout window', () => {
  it('is valid over a window, globally or on what its scope names', () => {
    expect(blackoutErrors(freeze())).toEqual([]);
    expect(blackoutErrors(freeze({ scope: 'cis', ciIds: ['c'] }))).toEqual([]);
    expect(blackoutErrors(freeze({ scope: 'services', serviceIds: ['s'] }))).toEqual([]);
  });

  it('refuses a window that ends before or when it starts, naming end', () => {
    const start = new Date('2026-12-20T00:00:00Z');
    expect(blackoutErrors(freeze({ start, end: start }))).toEqual([
      { field: 'end', message: 'must be after start' },
    ]);
    expect(blackoutErrors(freeze({ start, end: new Date('2026-12-19T00:00:00Z') }))).toHaveLength(
      1,
    );
  });

  it('needs the CIs or services its scope is about, and no others', () => {
    expect(blackoutErrors(freeze({ scope: 'cis' })).map((e) => e.field)).toEqual(['ciIds']);
    expect(blackoutErrors(freeze({ scope: 'services' })).map((e) => e.field)).toEqual([
      'serviceIds',
    ]);
    expect(blackoutErrors(freeze({ ciIds: ['c'], serviceIds: ['s'] })).map((e) => e.field)).toEqual(
      ['ciIds', 'serviceIds'],
    );
    expect(
      blackoutErrors(freeze({ scope: 'cis', ciIds: ['c'], serviceIds: ['s'] })).map((e) => e.field),
    ).toEqual(['serviceIds']);
  });

  it('takes an edit field by field, and null clears the reason', () => {
    const current = freeze({ reason: 'peak season' });
    const edited = editedBlackout(current, { name: 'Longer freeze', reason: null });
    expect(edited).toEqual({ ...current, name: 'Longer freeze', reason: null });
    expect(editedBlackout(current, { scope: 'cis', ciIds: ['c'] })).toMatchObject({
      scope: 'cis',
      ciIds: ['c'],
      start: current.start,
    });
  });
});
