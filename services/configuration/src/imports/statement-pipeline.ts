import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';

/**
 * The statements of one transaction, each sent as soon as the one before has answered, without
 * the caller waiting: Node builds the next statements while the database runs the current one
 * (the database writes the CIs while Node prepares their events). After a failure nothing more is
 * sent, and `done` throws it.
 */
export class StatementPipeline {
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly manager: EntityManager) {}

  send(statement: { sql: string; params: unknown[] }): void {
    this.last = this.last.then(() => this.manager.query(statement.sql, statement.params));
    // Awaited in `done`; until then a failure must not count as unhandled.
    this.last.catch(() => undefined);
  }

  /**
   * Lets the next statement leave for the database before a stretch of synchronous work: call it
   * between slices of such work, so that the connection does not wait for the whole of it.
   */
  async handOver(): Promise<void> {
    await nextTurn();
  }

  async done(): Promise<void> {
    await this.last;
  }
}
