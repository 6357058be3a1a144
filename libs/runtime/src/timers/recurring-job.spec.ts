import type { DataSource, EntityManager } from 'typeorm';
import { RecurringJob } from './recurring-job';

const INTERVAL_MS = 1000;
const manager = {} as EntityManager;
const dataSource = {
  transaction: (work: (manager: EntityManager) => Promise<number>) => work(manager),
} as unknown as DataSource;

/** Handles the batches it is given, one per run: a number of items, or an error to throw. */
class ScriptedJob extends RecurringJob {
  readonly runs: Date[] = [];

  constructor(private readonly batches: Array<number | Error>) {
    super(dataSource, INTERVAL_MS);
  }

  protected runBatch(given: EntityManager, now: Date): Promise<number> {
    expect(given).toBe(manager);
    this.runs.push(now);
    const next = this.batches.shift() ?? 0;
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }
}

describe('RecurringJob', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-05T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('runs at start, then every interval while it finds nothing', async () => {
    const job = new ScriptedJob([]);
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(job.runs).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(job.runs).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(job.runs).toHaveLength(2);
    await job.onModuleDestroy();
  });

  it('runs again at once while it finds work, so a backlog drains without waiting', async () => {
    const job = new ScriptedJob([100, 100, 3]);
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(job.runs).toHaveLength(4);
    await job.onModuleDestroy();
  });

  it('retries a failed run after the interval', async () => {
    const job = new ScriptedJob([new Error('connection lost')]);
    const warn = jest.spyOn(job['logger'], 'warn').mockImplementation(() => undefined);
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(warn).toHaveBeenCalledWith('run failed, retrying: connection lost');
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(job.runs).toHaveLength(2);
    await job.onModuleDestroy();
  });

  it('keeps one chain of runs when bootstrapped twice (the application, then its consumers)', async () => {
    const job = new ScriptedJob([]);
    job.onApplicationBootstrap();
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(job.runs).toHaveLength(2);
    await job.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(10 * INTERVAL_MS);
    expect(job.runs).toHaveLength(2);
  });

  it('stops at shutdown', async () => {
    const job = new ScriptedJob([]);
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    await job.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(10 * INTERVAL_MS);
    expect(job.runs).toHaveLength(1);
  });
});
