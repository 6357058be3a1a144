import { GracefulShutdown, type ShutdownStep } from './graceful-shutdown';

describe('GracefulShutdown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const setUp = (steps: ShutdownStep[], graceMs = 1000) => {
    const exits: number[] = [];
    const lines: string[] = [];
    const shutdown = new GracefulShutdown({
      graceMs,
      steps,
      exit: (code) => void exits.push(code),
      log: (level, message) => void lines.push(`${level}: ${message}`),
    });
    return { shutdown, exits, lines };
  };
  const step = (name: string, order: string[], ms = 10): ShutdownStep => ({
    name,
    run: () =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          order.push(name);
          resolve();
        }, ms),
      ),
  });

  it('runs the steps one after the other on the first signal, then exits 0', async () => {
    const order: string[] = [];
    const { shutdown, exits } = setUp([step('readiness', order), step('http', order, 50)]);
    shutdown.handle('SIGTERM');
    expect(shutdown.inProgress).toBe(true);
    await jest.advanceTimersByTimeAsync(59);
    expect(exits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['readiness', 'http']);
    expect(exits).toEqual([0]);
  });

  it('runs the remaining steps after one fails, and exits 1', async () => {
    const order: string[] = [];
    const { shutdown, exits, lines } = setUp([
      { name: 'consumers', run: () => Promise.reject(new Error('broker gone')) },
      step('pools', order),
    ]);
    shutdown.handle('SIGTERM');
    await jest.advanceTimersByTimeAsync(10);
    expect(order).toEqual(['pools']);
    expect(lines).toContain('error: shutdown step "consumers" failed: broker gone');
    expect(exits).toEqual([1]);
  });

  it('exits 1 at once on a second signal', async () => {
    const { shutdown, exits, lines } = setUp([step('http', [], 500)]);
    shutdown.handle('SIGTERM');
    await jest.advanceTimersByTimeAsync(100);
    shutdown.handle('SIGTERM');
    expect(exits).toEqual([1]);
    expect(lines).toContain('warn: SIGTERM during shutdown (at "http"): exiting now');
  });

  it('exits 1 when the grace period runs out, naming the step it was at', async () => {
    const { shutdown, exits, lines } = setUp([step('relay', [], 5000)], 1000);
    shutdown.handle('SIGTERM');
    await jest.advanceTimersByTimeAsync(999);
    expect(exits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(lines).toContain('error: shutdown not finished after 1000 ms (at "relay"): exiting now');
  });
});
