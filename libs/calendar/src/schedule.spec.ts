import {
  addBusinessSeconds,
  businessSecondsBetween,
  validateSchedule,
  type IsoWeekday,
  type Schedule,
  type WorkingPeriod,
} from './schedule';

const HOUR = 3600;
const at = (iso: string) => new Date(iso);

const everyDay = (start: string, end: string, days: IsoWeekday[]): WorkingPeriod[] =>
  days.map((day) => ({ day, start, end }));
const WEEKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5];
const ALL_WEEK: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

const businessHours = (timeZone: string, overrides: Partial<Schedule> = {}): Schedule => ({
  timeZone,
  kind: 'business_hours',
  hours: everyDay('08:00', '17:00', WEEKDAYS),
  holidays: [],
  ...overrides,
});
const utcOffice = businessHours('UTC');

/** Consecutive local dates from `first`, `count` of them. */
const datesFrom = (first: string, count: number) =>
  Array.from({ length: count }, (_, index) =>
    new Date(Date.parse(`${first}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10),
  );

describe('validateSchedule', () => {
  it('accepts a well-formed business schedule, split hours and a 24:00 end', () => {
    expect(
      validateSchedule(
        businessHours('Europe/London', {
          hours: [
            { day: 1, start: '08:00', end: '12:00' },
            { day: 1, start: '12:00', end: '17:00' },
            { day: 6, start: '20:00', end: '24:00' },
          ],
          holidays: ['2026-12-25', '2028-02-29'],
        }),
      ),
    ).toEqual([]);
  });

  it('names each faulty field', () => {
    const problems = validateSchedule({
      timeZone: 'Mars/Olympus_Mons',
      kind: 'business_hours',
      hours: [
        { day: 0 as IsoWeekday, start: '08:00', end: '17:00' },
        { day: 2, start: '8:00', end: '17:00' },
        { day: 3, start: '09:00', end: '24:01' },
        { day: 4, start: '17:00', end: '08:00' },
        { day: 5, start: '10:00', end: '10:00' },
        { day: 6, start: '24:00', end: '24:00' },
      ],
      holidays: ['2026-02-30', '25/12/2026', '2026-12-25'],
    });
    expect(problems.map((problem) => problem.field)).toEqual([
      'timeZone',
      'hours[0].day',
      'hours[1].start',
      'hours[2].end',
      'hours[3].end',
      'hours[4].end',
      'hours[5].start',
      'holidays[0]',
      'holidays[1]',
    ]);
    expect(problems[0]?.message).toContain('Mars/Olympus_Mons');
  });

  it('requires working hours for a business schedule', () => {
    expect(validateSchedule(businessHours('UTC', { hours: [] }))).toEqual([
      { field: 'hours', message: expect.stringContaining('at least one') },
    ]);
  });

  it('reports periods overlapping on the same day, not on different days', () => {
    const hours: WorkingPeriod[] = [
      { day: 1, start: '08:00', end: '12:00' },
      { day: 2, start: '11:00', end: '13:00' },
      { day: 1, start: '11:59', end: '13:00' },
    ];
    expect(validateSchedule(businessHours('UTC', { hours }))).toEqual([
      { field: 'hours[2]', message: 'overlaps hours[0] on the same day' },
    ]);
  });

  it('checks only the zone of a 24x7 schedule', () => {
    const hours = [{ day: 9 as IsoWeekday, start: 'x', end: 'y' }];
    expect(validateSchedule({ timeZone: 'UTC', kind: '24x7', hours, holidays: ['no'] })).toEqual(
      [],
    );
    expect(
      validateSchedule({ timeZone: 'Nowhere', kind: '24x7', hours: [], holidays: [] }),
    ).toEqual([{ field: 'timeZone', message: 'unknown IANA time zone "Nowhere"' }]);
  });

  it('rejects an unknown kind', () => {
    const schedule = { ...utcOffice, kind: 'sometimes' as Schedule['kind'] };
    expect(validateSchedule(schedule)).toEqual([{ field: 'kind', message: expect.any(String) }]);
  });
});

describe('businessSecondsBetween', () => {
  it.each([
    ['inside working hours', '2026-01-05T09:30:00Z', '2026-01-05T16:00:00Z', 6.5 * HOUR],
    ['starting before opening time', '2026-01-05T06:00:00Z', '2026-01-05T10:00:00Z', 2 * HOUR],
    ['starting after closing time', '2026-01-05T18:00:00Z', '2026-01-06T09:00:00Z', 1 * HOUR],
    ['outside working hours only', '2026-01-05T17:00:00Z', '2026-01-06T08:00:00Z', 0],
    ['across a weekend', '2026-01-09T16:00:00Z', '2026-01-12T09:00:00Z', 2 * HOUR],
    ['a whole week', '2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', 45 * HOUR],
    ['backwards', '2026-01-05T12:00:00Z', '2026-01-05T10:00:00Z', 0],
    ['with milliseconds', '2026-01-05T09:00:00.250Z', '2026-01-05T09:00:01.000Z', 0.75],
  ])('counts working time %s', (_, from, to, expected) => {
    expect(businessSecondsBetween(utcOffice, at(from), at(to))).toBe(expected);
  });

  it('skips holidays', () => {
    const schedule = businessHours('UTC', { holidays: ['2026-01-09'] });
    expect(
      businessSecondsBetween(schedule, at('2026-01-08T16:00:00Z'), at('2026-01-12T09:00:00Z')),
    ).toBe(2 * HOUR);
  });

  it('counts each period of a day with split hours', () => {
    const schedule = businessHours('UTC', {
      hours: [...everyDay('08:00', '12:00', WEEKDAYS), ...everyDay('13:00', '17:00', WEEKDAYS)],
    });
    expect(
      businessSecondsBetween(schedule, at('2026-01-05T11:00:00Z'), at('2026-01-05T14:00:00Z')),
    ).toBe(2 * HOUR);
    expect(
      businessSecondsBetween(schedule, at('2026-01-05T00:00:00Z'), at('2026-01-06T00:00:00Z')),
    ).toBe(8 * HOUR);
  });

  it('reads the hours in the schedule’s zone: the same instants give different working time', () => {
    const [from, to] = [at('2026-01-05T00:00:00Z'), at('2026-01-05T12:00:00Z')];
    // Monday 00:00–12:00 UTC is 00:00–12:00 in London, 05:30–17:30 in Kolkata, and
    // Sunday 19:00 to Monday 07:00 in New York.
    expect(businessSecondsBetween(businessHours('Europe/London'), from, to)).toBe(4 * HOUR);
    expect(businessSecondsBetween(businessHours('Asia/Kolkata'), from, to)).toBe(9 * HOUR);
    expect(businessSecondsBetween(businessHours('America/New_York'), from, to)).toBe(0);
  });

  it('reads holidays as local dates', () => {
    const schedule = businessHours('Asia/Kolkata', { holidays: ['2026-01-06'] });
    // Monday 20:00 UTC is already Tuesday 01:30 in Kolkata.
    expect(
      businessSecondsBetween(schedule, at('2026-01-05T20:00:00Z'), at('2026-01-07T03:30:00Z')),
    ).toBe(1 * HOUR);
  });

  describe('on DST change days (all Sundays in 2026)', () => {
    /** Working time on that Sunday alone: the schedule works on Sundays only. */
    const sunday = (timeZone: string, day: string, start: string, end: string) => {
      const schedule = businessHours(timeZone, { hours: [{ day: 7, start, end }] });
      const midnight = Date.parse(`${day}T00:00:00Z`);
      const window = [
        new Date(midnight - 86_400_000),
        new Date(midnight + 2 * 86_400_000),
      ] as const;
      return businessSecondsBetween(schedule, ...window);
    };

    it.each([
      ['Europe/London', '2026-03-29'],
      ['Europe/London', '2026-10-25'],
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
    ])('keeps 08:00–17:00 at 9 hours in %s on %s', (timeZone, day) => {
      expect(sunday(timeZone, day, '08:00', '17:00')).toBe(9 * HOUR);
    });

    it.each([
      ['London, clocks forward', 'Europe/London', '2026-03-29', '00:00', '24:00', 23 * HOUR],
      ['London, clocks back', 'Europe/London', '2026-10-25', '00:00', '24:00', 25 * HOUR],
      ['London, forward at 01:00', 'Europe/London', '2026-03-29', '00:30', '02:30', HOUR],
      ['New York, forward at 02:00', 'America/New_York', '2026-03-08', '01:00', '03:00', HOUR],
      // 01:00 happens twice; the period starts at its first occurrence.
      ['New York, back at 02:00', 'America/New_York', '2026-11-01', '01:00', '02:00', 2 * HOUR],
      // 02:30 never happens: the period starts when the clock jumps past it, at 03:30.
      [
        'New York, starting in the gap',
        'America/New_York',
        '2026-03-08',
        '02:30',
        '04:00',
        HOUR / 2,
      ],
    ])(
      'counts real elapsed time when the change falls inside working hours (%s)',
      (_, timeZone, day, start, end, expected) => {
        expect(sunday(timeZone, day, start, end)).toBe(expected);
      },
    );

    it('never counts twice time of periods that the gap pushes onto each other', () => {
      // 02:00–02:45 never happens on that day: it moves to 03:00–03:45, inside 03:00–04:00.
      const schedule = businessHours('America/New_York', {
        hours: [
          { day: 7, start: '02:00', end: '02:45' },
          { day: 7, start: '03:00', end: '04:00' },
        ],
      });
      const [from, to] = [at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z')];
      expect(businessSecondsBetween(schedule, from, to)).toBe(HOUR);
      expect(addBusinessSeconds(schedule, from, HOUR).toISOString()).toBe(
        '2026-03-08T08:00:00.000Z',
      );
    });

    it('opens and closes at the local wall-clock times either side of the change', () => {
      const schedule = businessHours('Europe/London', {
        hours: everyDay('08:00', '17:00', ALL_WEEK),
      });
      // Saturday 08:00–17:00 is GMT (UTC), Sunday's is BST (UTC+1): 07:00–16:00 UTC.
      expect(
        businessSecondsBetween(schedule, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z')),
      ).toBe(5 * HOUR + 5 * HOUR);
      expect(
        businessSecondsBetween(schedule, at('2026-03-29T07:00:00Z'), at('2026-03-29T16:00:00Z')),
      ).toBe(9 * HOUR);
    });
  });

  it('counts a 24x7 schedule as elapsed time, ignoring hours and holidays', () => {
    const schedule: Schedule = {
      timeZone: 'America/New_York',
      kind: '24x7',
      hours: [],
      holidays: ['2026-01-10'],
    };
    expect(
      businessSecondsBetween(schedule, at('2026-01-09T16:00:00Z'), at('2026-01-12T09:00:00.500Z')),
    ).toBe(65 * HOUR + 0.5);
  });

  it('refuses an invalid schedule, naming the field', () => {
    expect(() =>
      businessSecondsBetween(businessHours('Nowhere/City'), at('2026-01-05'), at('2026-01-06')),
    ).toThrow(/timeZone/);
  });

  it('counts decades without delay', () => {
    const years = businessSecondsBetween(
      utcOffice,
      at('2026-01-01T00:00:00Z'),
      at('2076-01-01T00:00:00Z'),
    );
    expect(years).toBe(13_044 * 9 * HOUR);
  });
});

describe('addBusinessSeconds', () => {
  it.each([
    ['inside working hours', '2026-01-05T09:00:00Z', HOUR, '2026-01-05T10:00:00.000Z'],
    ['from before opening time', '2026-01-05T06:00:00Z', HOUR, '2026-01-05T09:00:00.000Z'],
    ['from after closing time', '2026-01-05T18:00:00Z', HOUR, '2026-01-06T09:00:00.000Z'],
    ['over the night', '2026-01-05T16:30:00Z', HOUR, '2026-01-06T08:30:00.000Z'],
    ['over a weekend', '2026-01-09T16:45:00Z', HOUR / 2, '2026-01-12T08:15:00.000Z'],
    // The target is reached at Monday's close, not at Tuesday's opening.
    ['to the end of a period', '2026-01-05T16:00:00Z', HOUR, '2026-01-05T17:00:00.000Z'],
    ['three business days', '2026-01-05T12:00:00Z', 27 * HOUR, '2026-01-08T12:00:00.000Z'],
    ['with milliseconds', '2026-01-05T16:59:59.750Z', 0.5, '2026-01-06T08:00:00.250Z'],
  ])('finds the instant %s', (_, from, seconds, expected) => {
    expect(addBusinessSeconds(utcOffice, at(from), seconds).toISOString()).toBe(expected);
  });

  it('returns the start itself for zero, even outside working hours', () => {
    const saturday = at('2026-01-10T10:00:00Z');
    expect(addBusinessSeconds(utcOffice, saturday, 0)).toEqual(saturday);
  });

  it('skips holidays', () => {
    const schedule = businessHours('UTC', { holidays: ['2026-01-09', '2026-01-12'] });
    expect(addBusinessSeconds(schedule, at('2026-01-08T16:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-01-13T09:00:00.000Z',
    );
  });

  it('moves from one period of a split day to the next', () => {
    const schedule = businessHours('UTC', {
      hours: [...everyDay('13:00', '17:00', WEEKDAYS), ...everyDay('08:00', '12:00', WEEKDAYS)],
    });
    expect(addBusinessSeconds(schedule, at('2026-01-05T11:30:00Z'), HOUR).toISOString()).toBe(
      '2026-01-05T13:30:00.000Z',
    );
    expect(addBusinessSeconds(schedule, at('2026-01-05T11:00:00Z'), HOUR).toISOString()).toBe(
      '2026-01-05T12:00:00.000Z',
    );
  });

  it('reads the hours in the schedule’s zone', () => {
    const from = at('2026-01-05T12:00:00Z');
    const results = ['Europe/London', 'Asia/Kolkata', 'America/New_York'].map((zone) =>
      addBusinessSeconds(businessHours(zone), from, HOUR).toISOString(),
    );
    expect(results).toEqual([
      '2026-01-05T13:00:00.000Z',
      // 17:30 in Kolkata: past closing, so Tuesday 09:00 IST.
      '2026-01-06T03:30:00.000Z',
      // 07:00 in New York: one hour from the 08:00 opening.
      '2026-01-05T14:00:00.000Z',
    ]);
  });

  it('crosses a DST change at the local wall-clock hours', () => {
    const schedule = businessHours('Europe/London', {
      hours: everyDay('08:00', '17:00', WEEKDAYS),
    });
    // Friday 16:00 GMT plus 2 h: Monday 09:00 BST, 08:00 UTC.
    expect(addBusinessSeconds(schedule, at('2026-03-27T16:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-03-30T08:00:00.000Z',
    );
    const newYork = businessHours('America/New_York');
    // Friday 16:00 EDT plus 2 h over the change back: Monday 09:00 EST, 14:00 UTC.
    expect(addBusinessSeconds(newYork, at('2026-10-30T20:00:00Z'), 2 * HOUR).toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
  });

  it('jumps over a long span of holidays', () => {
    const schedule = businessHours('UTC', { holidays: datesFrom('2026-01-01', 731) });
    expect(addBusinessSeconds(schedule, at('2026-01-01T00:00:00Z'), HOUR).toISOString()).toBe(
      '2028-01-03T09:00:00.000Z',
    );
  });

  it('gives up after ten years without working time', () => {
    const schedule = businessHours('UTC', { holidays: datesFrom('2026-01-01', 3700) });
    expect(() => addBusinessSeconds(schedule, at('2026-01-01T00:00:00Z'), 1)).toThrow(/ten years/);
  });

  it('adds elapsed time on a 24x7 schedule', () => {
    const schedule: Schedule = { timeZone: 'UTC', kind: '24x7', hours: [], holidays: [] };
    expect(addBusinessSeconds(schedule, at('2026-01-10T10:00:00Z'), 90).toISOString()).toBe(
      '2026-01-10T10:01:30.000Z',
    );
  });

  it('refuses negative and non-finite amounts', () => {
    for (const seconds of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addBusinessSeconds(utcOffice, at('2026-01-05T09:00:00Z'), seconds)).toThrow(
        RangeError,
      );
    }
  });
});

describe('businessSecondsBetween and addBusinessSeconds', () => {
  /** mulberry32: a small seeded generator, so a failure replays. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const schedules: Array<[string, Schedule]> = [
    ['UTC office', utcOffice],
    [
      'London, every day, over both DST changes',
      businessHours('Europe/London', { hours: everyDay('00:00', '24:00', ALL_WEEK) }),
    ],
    [
      'New York at night, over both DST changes',
      businessHours('America/New_York', {
        hours: [...everyDay('00:30', '03:00', ALL_WEEK), ...everyDay('22:00', '24:00', ALL_WEEK)],
      }),
    ],
    [
      'Kolkata, split hours and holidays',
      businessHours('Asia/Kolkata', {
        hours: [...everyDay('09:00', '13:00', WEEKDAYS), ...everyDay('14:00', '18:30', WEEKDAYS)],
        holidays: [...datesFrom('2026-03-01', 20), '2026-08-15', ...datesFrom('2026-10-20', 9)],
      }),
    ],
    ['24x7', { timeZone: 'UTC', kind: '24x7', hours: [], holidays: [] }],
  ];
  const year2026 = Date.parse('2026-01-01T00:00:00Z');

  it.each(schedules)('are inverses on %s', (_, schedule) => {
    const next = random(2026);
    for (let sample = 0; sample < 150; sample++) {
      const from = new Date(year2026 + Math.floor(next() * 365 * 86_400_000));
      const seconds = Math.floor(next() * 60 * HOUR);
      const reached = addBusinessSeconds(schedule, from, seconds);
      expect(businessSecondsBetween(schedule, from, reached)).toBe(seconds);
      // The earliest such instant: a millisecond sooner, the amount is not reached yet.
      if (seconds > 0) {
        const sooner = new Date(reached.getTime() - 1);
        expect(businessSecondsBetween(schedule, from, sooner)).toBeLessThan(seconds);
      }
      const to = new Date(from.getTime() + Math.floor(next() * 20 * 86_400_000));
      const counted = businessSecondsBetween(schedule, from, to);
      const back = addBusinessSeconds(schedule, from, counted);
      expect(back.getTime()).toBeLessThanOrEqual(to.getTime());
      expect(businessSecondsBetween(schedule, from, back)).toBe(counted);
    }
  });
});

describe('schedules remembered for the arithmetic', () => {
  const monday = at('2026-01-05T08:00:00Z');

  it('reads a schedule changed in place afresh', () => {
    const schedule = businessHours('UTC');
    expect(businessSecondsBetween(schedule, monday, at('2026-01-05T18:00:00Z'))).toBe(9 * HOUR);
    schedule.hours[0] = { day: 1, start: '08:00', end: '12:00' };
    schedule.holidays.push('2026-01-06');
    expect(businessSecondsBetween(schedule, monday, at('2026-01-06T18:00:00Z'))).toBe(4 * HOUR);
  });

  it('refuses an invalid schedule every time, also after a valid one like it', () => {
    const valid = businessHours('UTC');
    expect(businessSecondsBetween(valid, monday, at('2026-01-05T09:00:00Z'))).toBe(HOUR);
    const invalid = { ...valid, hours: [{ day: 1, start: '08:00', end: '07:00' }] } as Schedule;
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => businessSecondsBetween(invalid, monday, monday)).toThrow(/hours\[0\]\.end/);
    }
  });
});
