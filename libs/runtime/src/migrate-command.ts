import { loadConfig } from '@itsm/config';
import {
  applyMigrations,
  createServiceDataSource,
  databaseEnvSchema,
  ensureDatabase,
  revertLastMigration,
} from '@itsm/persistence';
import { serviceMigrations, type ServiceDefinition } from './service-definition';

export const MIGRATE_ACTIONS = ['run', 'revert', 'show'] as const;
export type MigrateAction = (typeof MIGRATE_ACTIONS)[number];

/**
 * `main.js migrate [run|revert|show]`: the service's migrations without starting it (the Helm
 * chart's migration Job runs this). Needs only `DATABASE_URL`.
 */
export async function migrateCommand(
  definition: ServiceDefinition,
  action: string = 'run',
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  env = process.env,
): Promise<void> {
  if (!(MIGRATE_ACTIONS as readonly string[]).includes(action)) {
    throw new Error(`unknown migrate action "${action}": use one of ${MIGRATE_ACTIONS.join(', ')}`);
  }
  const config = loadConfig(databaseEnvSchema, env);
  await ensureDatabase(config.DATABASE_URL);
  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    applicationName: `itsm-${definition.practice}-migrate`,
    entities: definition.entities,
    migrations: serviceMigrations(definition),
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    if (action === 'run') {
      const applied = await applyMigrations(dataSource);
      print(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    } else if (action === 'revert') {
      print(
        (await revertLastMigration(dataSource))
          ? 'reverted the last migration'
          : 'no migration to revert',
      );
    } else {
      const executed = new Set(
        (
          await dataSource
            .query<Array<{ name: string }>>('SELECT name FROM schema_migrations')
            .catch(() => [])
        ).map((row) => row.name),
      );
      for (const migration of dataSource.migrations) {
        print(`${executed.has(migration.name ?? '') ? '[x]' : '[ ]'} ${migration.name}`);
      }
    }
  } finally {
    await dataSource.destroy();
  }
}
