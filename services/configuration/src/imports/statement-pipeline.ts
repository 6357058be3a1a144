import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';

/**
 * The statements of one transaction, sent as soon as they are ready rather than each after the
 * last one's answer: the connection runs them one after another, in the order sent, while Node
 * builds the next ones (the database writes the CIs while Node prepares their events). The first
 * failure is the transaction's: `done` throws it once every statement has answered.
 */
export class StatementPipeline {
  private readonly sent: Array<Promise<unknown>> = [];

  constructor(private readonly manager: EntityManager) {}

  send(statement: { sql: string; params: unknown[] }): void {
    const answer = this.manager.query(statement.sql, statement.params);
    // Awaited in `done`; until then a failure must not count as unhandled.
    answer.catch(() => undefined);
    this.sent.push(answer);
  }

  /** Lets the statements sent so far reach the database before a stretch of synchronous work. */
  async handOver(): Promise<void> {
    await nextTurn();
  }

  async done(): Promise<void> {
    const answers = await Promise.allSettled(this.sent);
    const failure = answers.find((answer) => answer.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
