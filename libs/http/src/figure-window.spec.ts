import { figureWindow } from './figure-window';

describe('figureWindow', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('is the 30 days before now when nothing is asked', () => {
    expect(figureWindow({}, now)).toEqual({ from: new Date('2026-11-01T12:00:00Z'), to: now });
  });

  it('counts the 30 days back from the `to` asked for', () => {
    expect(figureWindow({ to: '2026-06-30T00:00:00Z' }, now)).toEqual({
      from: new Date('2026-05-31T00:00:00Z'),
      to: new Date('2026-06-30T00:00:00Z'),
    });
  });

  it('refuses a window that ends before it starts, naming from', () => {
    expect(() => figureWindow({ from: '2026-12-02', to: '2026-12-01' }, now)).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({
          status: 400,
          errors: [expect.objectContaining({ field: 'from' })],
        }),
      }),
    );
  });

  it('takes a window of a year and a day, and refuses a longer one, naming from', () => {
    const to = '2026-12-01T00:00:00Z';
    expect(figureWindow({ from: '2025-11-30T00:00:00Z', to }, now).from).toEqual(
      new Date('2025-11-30T00:00:00Z'),
    );
    expect(() => figureWindow({ from: '2025-11-29T23:59:59Z', to }, now)).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({
          errors: [
            expect.objectContaining({
              field: 'from',
              message: 'from must be at most 366 days before to',
            }),
          ],
        }),
      }),
    );
  });
});
