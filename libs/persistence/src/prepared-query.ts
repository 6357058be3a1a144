import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * How many distinct statements a process prepares. PostgreSQL keeps a connection's prepared
 * statements until it closes, and a caller's text may vary with its input (`entityInsert` names only
 * the columns given): past this many, a new text runs unnamed, parsed at each call as any query.
 */
export const MAX_PREPARED_STATEMENTS = 200;

const names = new Map<string, string>();

/**
 * Runs `text` as a named prepared statement on the manager's connection (its transaction's, or one
 * from the pool): PostgreSQL parses and plans it once per connection instead of at every call, and
 * only the parameters travel. For a long statement run at every request; it must name the columns
 * it returns (no `*`), so that a column added by a migration does not change a cached plan's result.
 */
export async function preparedQuery<Row>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const name = statementName(text);
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<Row & object>(name ? { name, text, values } : { text, values }))
      .rows;
  } catch (error) {
    throw error instanceof Error && !(error instanceof QueryFailedError)
      ? new QueryFailedError(text, values, error)
      : error;
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/** The statement's name, the same in every process; undefined once MAX_PREPARED_STATEMENTS are named. */
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED_STATEMENTS) {
    name = `itsm_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}
