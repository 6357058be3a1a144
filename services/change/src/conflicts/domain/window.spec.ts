import { isEmptyWindow, overlaps } from './window';

const at = (hour: number) => new Date(Date.UTC(2026, 11, 5, hour));
const window = (start: number, end: number) => ({ start: at(start), end: at(end) });

describe('time windows', () => {
  it('overlap when each starts before the other ends', () => {
    expect(overlaps(window(1, 3), window(2, 4))).toBe(true);
    expect(overlaps(window(2, 4), window(1, 3))).toBe(true);
  });

  it('overlap when one holds the other', () => {
    expect(overlaps(window(1, 6), window(2, 3))).toBe(true);
    expect(overlaps(window(2, 3), window(1, 6))).toBe(true);
  });

  it('do not overlap when one ends as the other starts (the end is excluded)', () => {
    expect(overlaps(window(1, 2), window(2, 3))).toBe(false);
    expect(overlaps(window(2, 3), window(1, 2))).toBe(false);
  });

  it('do not overlap when apart', () => {
    expect(overlaps(window(1, 2), window(5, 6))).toBe(false);
  });

  it('calls a window that ends before or when it starts empty', () => {
    expect(isEmptyWindow(window(3, 2))).toBe(true);
    expect(isEmptyWindow(window(2, 2))).toBe(true);
    expect(isEmptyWindow(window(2, 3))).toBe(false);
  });
});
