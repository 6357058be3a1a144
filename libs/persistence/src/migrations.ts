import { MigrationExecutor, type DataSource } from 'typeorm';

/**
 * Applies pending migrations; returns the names it applied. Replicas that start together on one
 * database take turns on a session advisory lock, and the migrations run on that same session (one
 * connection is enough: the `migrate` command has one), so each migration runs once and the others
 * find nothing pending.
 */
export async function applyMigrations(dataSource: DataSource): Promise<string[]> {
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATIONS_LOCK]);
    const executor = new MigrationExecutor(dataSource, session);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await session
      .query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATIONS_LOCK])
      .catch(() => undefined);
    await session.release();
  }
}

const MIGRATIONS_LOCK = 'itsm:migrations';

/** Whether the database is behind the code: readiness is false until this is false. */
export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}

/** Reverts the last applied migration; returns false when none was applied. */
export async function revertLastMigration(dataSource: DataSource): Promise<boolean> {
  const before = await appliedMigrationCount(dataSource);
  if (before === 0) return false;
  await dataSource.undoLastMigration({ transaction: 'each' });
  return true;
}

async function appliedMigrationCount(dataSource: DataSource): Promise<number> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists = await dataSource.query<Array<{ present: boolean }>>(
    'SELECT to_regclass($1) IS NOT NULL AS present',
    [table],
  );
  if (!exists[0]?.present) return 0;
  const rows = await dataSource.query<Array<{ count: string }>>(
    `SELECT count(*) AS count FROM "${table}"`,
  );
  return Number(rows[0]?.count ?? 0);
}
