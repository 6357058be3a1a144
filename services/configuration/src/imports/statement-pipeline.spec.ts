import type { EntityManager } from 'typeorm';
import { StatementPipeline } from './statement-pipeline';

function fakeManager(failing?: string) {
  const log: string[] = [];
  let running = 0;
  const manager = {
    query: async (sql: string) => {
      running++;
      if (running > 1) log.push('overlap');
      log.push(`start ${sql}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (sql === failing) throw new Error(`${sql} failed`);
      log.push(`end ${sql}`);
    },
  } as unknown as EntityManager;
  return { manager, log };
}

describe('StatementPipeline', () => {
  it('runs the statements one at a time, in the order sent, while the caller goes on', async () => {
    const { manager, log } = fakeManager();
    await StatementPipeline.run(manager, async (statements) => {
      statements.send({ sql: 'a', params: [] });
      statements.send({ sql: 'b', params: [] });
      await statements.handOver();
      log.push('caller');
      statements.send({ sql: 'c', params: [] });
    });

    expect(log).toEqual(['start a', 'caller', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('sends nothing after a failure, and run throws it', async () => {
    const { manager, log } = fakeManager('a');
    const run = StatementPipeline.run(manager, async (statements) => {
      statements.send({ sql: 'a', params: [] });
      statements.send({ sql: 'b', params: [] });
    });

    await expect(run).rejects.toThrow('a failed');
    expect(log).toEqual(['start a']);
  });

  it("when the caller's own work throws, sends nothing more and throws once the statement in flight has answered", async () => {
    // Otherwise the caller's ROLLBACK would go before `b`, which would then commit on its own.
    const { manager, log } = fakeManager();
    const run = StatementPipeline.run(manager, async (statements) => {
      statements.send({ sql: 'a', params: [] });
      statements.send({ sql: 'b', params: [] });
      await statements.handOver();
      throw new Error('event refused');
    });

    await expect(run).rejects.toThrow('event refused');
    log.push('rollback');
    expect(log).toEqual(['start a', 'end a', 'rollback']);
  });
});
