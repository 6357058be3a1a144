import { DEFAULT_PRIORITY_MATRIX, matrixErrors, priorityOf, type Level } from './priority-matrix';

describe('the priority matrix', () => {
  it.each([
    [1, 1, 1],
    [1, 2, 2],
    [1, 3, 3],
    [2, 1, 2],
    [2, 2, 3],
    [2, 3, 4],
    [3, 1, 3],
    [3, 2, 4],
    [3, 3, 4],
  ])('impact %i × urgency %i is priority %i by default', (impact, urgency, priority) => {
    expect(priorityOf(DEFAULT_PRIORITY_MATRIX, impact as Level, urgency as Level)).toBe(priority);
  });

  it('accepts the default and a stricter matrix', () => {
    expect(matrixErrors(DEFAULT_PRIORITY_MATRIX)).toEqual([]);
    expect(
      matrixErrors([
        [1, 1, 2],
        [1, 2, 3],
        [2, 3, 4],
      ]),
    ).toEqual([]);
  });

  it('refuses a wrong shape, a value out of range and Planning', () => {
    for (const bad of [
      [[1, 2, 3]],
      [
        [1, 2, 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
      [
        [0, 2, 3],
        [2, 3, 4],
        [3, 4, 4],
      ],
      'x',
    ]) {
      expect(matrixErrors(bad)).toEqual([expect.objectContaining({ field: 'matrix' })]);
    }
  });

  it('names the cell that ranks a less severe pair higher', () => {
    expect(
      matrixErrors([
        [1, 2, 3],
        [2, 3, 4],
        [3, 1, 4],
      ]),
    ).toEqual([
      {
        field: 'matrix.2.1',
        message:
          'priority 1 for impact 3 × urgency 2 ranks it above the more severe impact 2 × urgency 2 and impact 3 × urgency 1',
      },
    ]);
  });
});
