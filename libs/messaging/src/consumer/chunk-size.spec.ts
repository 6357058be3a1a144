import { subscriptionChunkSize } from './chunk-size';
import { DEFAULT_CHUNK_SIZE, LOCKING_CHUNK_SIZE } from './consumed-event';

describe("a subscription's chunk size", () => {
  it('stays the default while no handler asks for a size', () => {
    expect(subscriptionChunkSize('incident.created', DEFAULT_CHUNK_SIZE, undefined)).toBe(
      DEFAULT_CHUNK_SIZE,
    );
  });

  it('is the smallest any of its handlers asks for, whatever their order', () => {
    const sizes = [undefined, LOCKING_CHUNK_SIZE, 50, undefined];
    const joined = (order: Array<number | undefined>) =>
      order.reduce<number>(
        (current, asked) => subscriptionChunkSize('incident.updated', current, asked),
        DEFAULT_CHUNK_SIZE,
      );
    expect(joined(sizes)).toBe(LOCKING_CHUNK_SIZE);
    expect(joined([...sizes].reverse())).toBe(LOCKING_CHUNK_SIZE);
  });

  it('takes 1 and the default itself', () => {
    expect(subscriptionChunkSize('incident.created', DEFAULT_CHUNK_SIZE, 1)).toBe(1);
    expect(subscriptionChunkSize('incident.created', 30, DEFAULT_CHUNK_SIZE)).toBe(30);
  });

  it.each([0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p, naming the handler',
    (asked) => {
      expect(() => subscriptionChunkSize('incident.created', DEFAULT_CHUNK_SIZE, asked)).toThrow(
        `@OnEvent('incident.created'): chunkSize must be an integer from 1 to ${DEFAULT_CHUNK_SIZE}`,
      );
    },
  );

  it('refuses more than the default rather than silently applying fewer than asked', () => {
    expect(() =>
      subscriptionChunkSize('incident.created', DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE + 1),
    ).toThrow(/chunkSize must be an integer from 1 to 100/);
  });
});
