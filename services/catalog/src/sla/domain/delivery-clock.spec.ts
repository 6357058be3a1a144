import type { RequestedItemState } from '../../requests/domain/fulfilment-states';
import {
  deliveryClock,
  deliveryDefinition,
  readingTime,
  withState,
  type DeliveryPoint,
} from './delivery-clock';

const definition = deliveryDefinition({
  catalogItemId: '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d',
  catalogItemName: 'New VM',
  deliveryTargetHours: 10,
});
const submitted = Date.parse('2026-12-01T08:00:00Z');
const hours = (n: number) => new Date(submitted + n * 3600_000);
const timeline = (...points: Array<[number, RequestedItemState]>): DeliveryPoint[] =>
  points.map(([at, state]) => ({ at: hours(at), state }));
const applied = (clock: ReturnType<typeof deliveryClock>) => {
  if (!clock.applies) throw new Error('the delivery clock applies to every requested item');
  return clock;
};

describe("a requested item's delivery clock", () => {
  it("is named for the catalog item and counts its target's hours around the clock", () => {
    expect(definition).toMatchObject({
      name: 'New VM delivery (10 hours)',
      target: 'delivery',
      durationSeconds: 36_000,
      schedule: { kind: '24x7' },
    });
  });

  it('counts from the submission and warns at 50 % and 75 %', () => {
    const clock = applied(
      deliveryClock(definition, timeline([0, 'requested'], [0, 'in_fulfilment']), hours(8)),
    );
    expect(clock).toMatchObject({ stage: 'in_progress', elapsedSeconds: 8 * 3600 });
    expect(clock.dueAt).toEqual(hours(10));
    expect(clock.alerts.map((a) => [a.percent, a.at])).toEqual([
      [50, hours(5)],
      [75, hours(7.5)],
    ]);
  });

  it('pauses while the item waits for its approval', () => {
    const clock = applied(
      deliveryClock(
        definition,
        timeline([0, 'requested'], [0, 'pending_approval'], [4, 'approved'], [4, 'in_fulfilment']),
        hours(6),
      ),
    );
    expect(clock).toMatchObject({ stage: 'in_progress', elapsedSeconds: 2 * 3600 });
    expect(clock.dueAt).toEqual(hours(14));
  });

  it('is achieved when the item is fulfilled in time, breached when late', () => {
    const inTime = timeline([0, 'requested'], [0, 'in_fulfilment'], [9, 'fulfilled']);
    expect(applied(deliveryClock(definition, inTime, hours(20)))).toMatchObject({
      stage: 'achieved',
      endedAt: hours(9),
    });
    const late = timeline([0, 'requested'], [0, 'in_fulfilment'], [12, 'fulfilled']);
    expect(applied(deliveryClock(definition, late, hours(20)))).toMatchObject({
      stage: 'breached',
      breachedAt: hours(10),
    });
  });

  it('is cancelled with its item', () => {
    const cancelled = timeline([0, 'requested'], [0, 'in_fulfilment'], [3, 'cancelled']);
    expect(applied(deliveryClock(definition, cancelled, hours(20)))).toMatchObject({
      stage: 'cancelled',
      elapsedSeconds: 3 * 3600,
    });
  });

  it('is read now, yet never before the last move it knows of', () => {
    const known = timeline([0, 'requested'], [2, 'in_fulfilment']);
    expect(readingTime(known, hours(3))).toEqual(hours(3));
    expect(readingTime(known, hours(1))).toEqual(hours(2));
  });

  it('gains a point on its timeline only when the item moved', () => {
    const known = timeline([0, 'requested'], [2, 'in_fulfilment']);
    expect(withState(known, 'in_fulfilment', hours(3))).toEqual(known);
    expect(withState(known, 'fulfilled', hours(3))).toEqual([
      ...known,
      { at: hours(3), state: 'fulfilled' },
    ]);
  });
});
