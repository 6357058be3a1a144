import type { DataSource } from 'typeorm';

/** Applies pending migrations; returns the names it applied. */
export async function applyMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

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
