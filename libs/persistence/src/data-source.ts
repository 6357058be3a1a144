import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { AuditEntry } from './audit/audit-entry.entity';
import { AuditSubscriber } from './audit/audit.subscriber';
import { CreateAuditTrail1764201600000 } from './audit/create-audit-trail.migration';

type EntityList = Array<Function | string | EntitySchema>;
type MigrationList = Array<Function>;

export interface ServiceDataSourceOptions {
  url: string;
  /** Used as `application_name`, visible in `pg_stat_activity`. */
  applicationName: string;
  entities: EntityList;
  migrations: MigrationList;
  poolSize?: number;
}

/**
 * The TypeORM options of a service's database: its entities and migrations plus the audit trail
 * every service shares. Schema changes happen only through migrations, never `synchronize`.
 */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: [AuditEntry, ...options.entities] as MixedList<Function | string | EntitySchema>,
    subscribers: [AuditSubscriber],
    migrations: [CreateAuditTrail1764201600000, ...options.migrations],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 5000 },
  };
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource(serviceDataSourceOptions(options));
}
