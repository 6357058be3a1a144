import { pathsOf, type WalkRow } from './impact-walk';

const row = (id: string, via: string, depth: number): WalkRow => ({
  id,
  via,
  depth,
  name: id,
  status: 'operational',
  criticality: 3,
  classId: 'c',
});

describe('pathsOf', () => {
  it('follows each CI back to the start through the CI it was reached from', () => {
    const paths = pathsOf('s', [
      row('a', 's', 1),
      row('b', 's', 1),
      row('c', 'a', 2),
      row('d', 'c', 3),
    ]);
    expect(Object.fromEntries(paths)).toEqual({
      a: ['s', 'a'],
      b: ['s', 'b'],
      c: ['s', 'a', 'c'],
      d: ['s', 'a', 'c', 'd'],
    });
  });
});
