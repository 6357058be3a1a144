import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';

/**
 * The statements of one transaction, each sent as soon as the one before has answered, without
 * the caller waiting: Node builds the next statements while the database runs the current one
 * (the database writes the CIs while Node prepares their events). After a failure nothing more is
 * sent, and `run` throws it.
 */
export class StatementPipeline {
  private last: Promise<unknown> = Promise.resolve();
  private stopped = false;

  private constructor(private readonly manager: EntityManager) {}

  /**
   * Runs `work` with a pipeline and waits for every statement it sent. If `work` itself throws,
   * nothing more is sent and the statement in flight is waited for before the error goes on: the
   * caller's ROLLBACK would otherwise overtake the statements still queued, and they would then
   * run outside the transaction, committed on their own.
   */
  static async run(
    manager: EntityManager,
    work: (statements: StatementPipeline) => Promise<void>,
  ): Promise<void> {
    const statements = new StatementPipeline(manager);
    try {
      await work(statements);
    } catch (error) {
      statements.stopped = true;
      await statements.last.catch(() => undefined);
      throw error;
    }
    await statements.last;
  }

  send(statement: { sql: string; params: unknown[] }): void {
    this.last = this.last.then(() =>
      this.stopped ? undefined : this.manager.query(statement.sql, statement.params),
    );
    // Awaited in `run`; until then a failure must not count as unhandled.
    this.last.catch(() => undefined);
  }

  /**
   * Lets the next statement leave for the database before a stretch of synchronous work: call it
   * between slices of such work, so that the connection does not wait for the whole of it.
   */
  async handOver(): Promise<void> {
    await nextTurn();
  }
}
