import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The INSERT of `record` as part of a caller's statement, as the entity manager would insert it:
 * its columns with a value, the others left to their defaults; numbering parameters from
 * `firstParam`, written only when `condition` (SQL) holds, returning `returning`.
 */
export function entityInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  record: T,
  {
    firstParam,
    condition,
    returning,
  }: { firstParam: number; condition: string; returning: string },
): { sql: string; params: unknown[] } {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = metadata.columns.filter((column) => column.getEntityValue(record) !== undefined);
  // The driver's own conversion, as on every save: transformers, JSON, simple-json, dates…
  const params = columns.map((column): unknown =>
    driver.preparePersistentValue(column.getEntityValue(record), column),
  );
  const values = columns.map(
    (column, i) =>
      `$${firstParam + i}::${driver.normalizeType(column)}${column.isArray ? '[]' : ''}`,
  );
  return {
    sql: `INSERT INTO ${metadata.tableName} (${columns.map((c) => c.databaseName).join(', ')})
         SELECT ${values.join(', ')} WHERE ${condition}
         RETURNING ${returning}`,
    params,
  };
}

/** Gives the nullable columns left out of an insert their stored null, as the entity manager does. */
export function withInsertedNulls<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  record: T,
): T {
  for (const column of manager.connection.getMetadata(target).columns) {
    if (column.isNullable && column.getEntityValue(record) === undefined)
      column.setEntityValue(record, null);
  }
  return record;
}
