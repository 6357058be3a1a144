import { PRACTICES, type Practice } from '@itsm/contracts';
import { join } from 'node:path';
import { databaseUrlFor, type StackEndpoints } from './local-stack';
import { ServiceProcess } from './service-process';
import { localStateDir } from './workspace';

/** Each practice's service listens on the base port plus its place in this list: 3001 to 3005. */
export function servicePort(practice: Practice, basePort = 3000): number {
  return basePort + PRACTICES.indexOf(practice) + 1;
}

export function serviceDatabase(practice: Practice): string {
  return `itsm_${practice}`;
}

export interface PlatformOptions {
  endpoints: StackEndpoints;
  basePort?: number;
  /** Prefix of each database name, so that a test run never touches `npm start`'s data. */
  databasePrefix?: string;
  logDir?: string;
  env?: Record<string, string>;
}

/** The five services as processes wired to one stack. */
export function platformServices(options: PlatformOptions): ServiceProcess[] {
  const logDir = options.logDir ?? join(localStateDir(), 'logs');
  return PRACTICES.map(
    (practice) =>
      new ServiceProcess({
        name: practice,
        port: servicePort(practice, options.basePort),
        logFile: join(logDir, `${practice}.log`),
        env: {
          DATABASE_URL: databaseUrlFor(
            options.endpoints.postgresUrl,
            `${options.databasePrefix ?? ''}${serviceDatabase(practice)}`,
          ),
          KAFKA_BROKERS: options.endpoints.kafkaBrokers.join(','),
          AUTH_ISSUER: options.endpoints.authIssuer,
          AUTH_AUDIENCE: options.endpoints.authAudience,
          ...options.env,
        },
      }),
  );
}
