import { IANAZone } from 'luxon';
import { DayMemoizedOffsets, zoneOffsets } from './zone-offsets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Instants around a change: a grid every 7 minutes over two days, and each millisecond near it. */
function instantsAround(change: number): number[] {
  const grid = Array.from({ length: (48 * 60) / 7 }, (_, i) => change - 24 * HOUR + i * 7 * MINUTE);
  const close = [-1001, -1000, -1, 0, 1, 999, 1000].map((delta) => change + delta);
  return [...grid, ...close];
}

describe('zone offsets', () => {
  it.each([
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 60, 120],
    ['Europe/Berlin', '2026-10-25T01:00:00Z', 120, 60],
    ['America/New_York', '2026-03-08T07:00:00Z', -300, -240],
    ['America/New_York', '2026-11-01T06:00:00Z', -240, -300],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z', 660, 630],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z', 630, 660],
    ['Asia/Kathmandu', '1985-12-31T18:30:00Z', 330, 345],
  ])('gives luxon’s offsets in %s around %s', (name, at, before, after) => {
    const change = Date.parse(at);
    const luxon = IANAZone.create(name);
    const offsets = new DayMemoizedOffsets(luxon);
    expect(offsets.offset(change - 1)).toBe(before);
    expect(offsets.offset(change)).toBe(after);
    for (const instant of [...instantsAround(change), ...instantsAround(change).reverse()]) {
      expect([instant, offsets.offset(instant)]).toEqual([instant, luxon.offset(instant)]);
    }
  });

  it('gives Asia/Kathmandu’s quarter-hour offset today', () => {
    expect(zoneOffsets('Asia/Kathmandu').offset(Date.parse('2026-07-01T12:00:00Z'))).toBe(345);
  });

  it.each(['UTC', 'Etc/UTC', 'utc', 'GMT', 'Etc/GMT', 'Etc/GMT+5', 'Etc/GMT-14', 'Etc/GMT+12'])(
    'gives %s’s fixed offset without asking Intl, as luxon does with it',
    (name) => {
      const luxon = IANAZone.create(name);
      for (const at of ['1990-01-01T00:00:00Z', '2026-03-29T01:00:00Z', '2026-07-01T12:00:00Z']) {
        expect(zoneOffsets(name).offset(Date.parse(at))).toBe(luxon.offset(Date.parse(at)));
      }
    },
  );

  it('refuses an unknown zone', () => {
    expect(() => zoneOffsets('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
