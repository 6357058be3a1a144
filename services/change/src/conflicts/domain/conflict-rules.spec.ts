import {
  conflictsOf,
  freezeHit,
  type Blackout,
  type ConflictSubject,
  type PlannedChange,
} from './conflict-rules';
import { reachedCis, type Footprint } from './footprint';

const at = (hour: number) => new Date(Date.UTC(2026, 11, 5, hour));
const window = (start: number, end: number) => ({ start: at(start), end: at(end) });

const footprint: Footprint = {
  ciIds: ['db'],
  related: [
    { id: 'app', direction: 'impact', depth: 1, path: ['db', 'app'] },
    { id: 'host', direction: 'dependencies', depth: 1, path: ['db', 'host'] },
  ],
  serviceIds: ['shop'],
  depth: 3,
  truncated: false,
};

const subject = (overrides: Partial<ConflictSubject> = {}): ConflictSubject => ({
  id: 'me',
  window: window(22, 23),
  reached: reachedCis(['db'], footprint, 3),
  serviceIds: footprint.serviceIds,
  ...overrides,
});

const other = (id: string, cis: string[], start = 22, end = 23): PlannedChange => ({
  id,
  number: `CHG-${id}`,
  state: 'scheduled',
  window: window(start, end),
  affectedCiIds: cis,
});

const freeze = (overrides: Partial<Blackout>): Blackout => ({
  id: 'b',
  name: 'Year-end freeze',
  window: window(0, 24),
  scope: 'global',
  ciIds: [],
  serviceIds: [],
  ...overrides,
});

describe('conflicts of a change', () => {
  it('finds another change on the same CI in an overlapping window', () => {
    expect(conflictsOf(subject(), [other('o', ['db'])], [])).toEqual([
      {
        kind: 'same_ci',
        otherChange: { id: 'o', number: 'CHG-o', state: 'scheduled' },
        ci: 'db',
        direction: null,
        path: ['db'],
        window: window(22, 23),
      },
    ]);
  });

  it('finds another change on a CI that depends on it, or that it depends on, with the path', () => {
    const found = conflictsOf(subject(), [other('up', ['app']), other('down', ['host'])], []);
    expect(found.map((c) => [c.kind, c.ci, c.direction, c.path])).toEqual([
      ['dependency', 'app', 'impact', ['db', 'app']],
      ['dependency', 'host', 'dependencies', ['db', 'host']],
    ]);
  });

  it('names the nearest meeting CI once per other change', () => {
    const found = conflictsOf(subject(), [other('o', ['app', 'db'])], []);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'same_ci', ci: 'db' });
  });

  it('ignores changes in windows that do not overlap, on unrelated CIs, and itself', () => {
    const others = [
      other('later', ['db'], 23, 24),
      other('far', ['elsewhere']),
      other('me', ['db']),
    ];
    expect(conflictsOf(subject(), others, [])).toEqual([]);
  });

  it('sees no further than the depth asked', () => {
    const shallow = subject({ reached: reachedCis(['db'], footprint, 0) });
    expect(conflictsOf(shallow, [other('up', ['app'])], [])).toEqual([]);
  });

  it('meets a global freeze over its window', () => {
    const [conflict] = conflictsOf(subject(), [], [freeze({})]);
    expect(conflict).toMatchObject({
      kind: 'blackout',
      blackoutWindow: { id: 'b', name: 'Year-end freeze', scope: 'global' },
      ci: null,
      service: null,
      path: [],
    });
  });

  it('meets a freeze on one of its own CIs, not on a related one', () => {
    expect(conflictsOf(subject(), [], [freeze({ scope: 'cis', ciIds: ['db'] })])).toHaveLength(1);
    expect(conflictsOf(subject(), [], [freeze({ scope: 'cis', ciIds: ['app'] })])).toEqual([]);
  });

  it('meets a freeze on a business service its CIs impact', () => {
    const [conflict] = conflictsOf(
      subject(),
      [],
      [freeze({ scope: 'services', serviceIds: ['shop'] })],
    );
    expect(conflict).toMatchObject({ kind: 'blackout', service: 'shop' });
    expect(conflictsOf(subject(), [], [freeze({ scope: 'services', serviceIds: ['hr'] })])).toEqual(
      [],
    );
  });

  it('cannot tell a freeze on a service before the CMDB answered', () => {
    const unanswered = subject({ serviceIds: null });
    expect(
      conflictsOf(unanswered, [], [freeze({ scope: 'services', serviceIds: ['shop'] })]),
    ).toEqual([]);
  });

  it('ignores a freeze outside its window', () => {
    expect(conflictsOf(subject(), [], [freeze({ window: window(0, 22) })])).toEqual([]);
  });
});

describe('the changes a freeze stops', () => {
  const planned = { ...other('o', ['db']), serviceIds: ['shop'] };

  it('stops a change in its window everywhere, on one of its own CIs or on a service it impacts', () => {
    expect(freezeHit(freeze({}), planned)).toEqual({ ci: null, service: null });
    expect(freezeHit(freeze({ scope: 'cis', ciIds: ['DB'] }), planned)).toEqual({
      ci: 'db',
      service: null,
    });
    expect(freezeHit(freeze({ scope: 'services', serviceIds: ['shop'] }), planned)).toEqual({
      ci: null,
      service: 'shop',
    });
  });

  it('leaves a change outside its window, on other CIs, or whose services are not known', () => {
    expect(freezeHit(freeze({ window: window(0, 22) }), planned)).toBeUndefined();
    expect(freezeHit(freeze({ scope: 'cis', ciIds: ['app'] }), planned)).toBeUndefined();
    const unanswered = { ...planned, serviceIds: null };
    expect(
      freezeHit(freeze({ scope: 'services', serviceIds: ['shop'] }), unanswered),
    ).toBeUndefined();
  });
});
