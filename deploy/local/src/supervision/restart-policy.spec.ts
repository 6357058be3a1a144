import { afterCrash, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy';

const policy: RestartPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 5000,
  maxCrashes: 4,
  windowMs: 60_000,
};

describe('afterCrash', () => {
  it('restarts after the base delay on a first crash', () => {
    expect(afterCrash(policy, [10_000], 10_000)).toEqual({
      action: 'restart',
      delayMs: 1000,
      recentCrashes: 1,
    });
  });

  it('doubles the delay with each recent crash, up to the maximum', () => {
    expect(afterCrash(policy, [1000, 2000], 2000)).toMatchObject({ delayMs: 2000 });
    expect(afterCrash(policy, [1000, 2000, 3000], 3000)).toMatchObject({ delayMs: 4000 });
    expect(afterCrash({ ...policy, maxCrashes: 10 }, [1000, 2000, 3000, 4000], 4000)).toMatchObject(
      { delayMs: 5000 },
    );
  });

  it('gives up when the service crashed maxCrashes times within the window', () => {
    expect(afterCrash(policy, [1000, 2000, 3000, 4000], 4000)).toEqual({
      action: 'give-up',
      recentCrashes: 4,
    });
  });

  it('forgets crashes older than the window: a service that ran a while starts afresh', () => {
    expect(afterCrash(policy, [0, 1000, 2000, 200_000], 200_000)).toEqual({
      action: 'restart',
      delayMs: 1000,
      recentCrashes: 1,
    });
  });

  it('by default restarts after 1 s and gives up after 5 crashes in 10 minutes', () => {
    expect(afterCrash(DEFAULT_RESTART_POLICY, [0], 0)).toMatchObject({ delayMs: 1000 });
    expect(afterCrash(DEFAULT_RESTART_POLICY, [0, 1, 2, 3, 4], 599_999)).toMatchObject({
      action: 'give-up',
    });
  });
});
