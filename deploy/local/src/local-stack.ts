import { redactUrl } from '@itsm/config';
import { join } from 'node:path';
import { LOCAL_AUDIENCE, LocalIdentityProvider } from './idp/identity-provider-process';
import { KafkaBroker } from './kafka-broker';
import { PostgresServer, postgresUserCanUse } from './postgres-server';
import { checkoutId, localStateDir } from './workspace';

export interface StackEndpoints {
  /** A URL of the PostgreSQL server (its maintenance database); services derive theirs from it. */
  postgresUrl: string;
  kafkaBrokers: string[];
  /** The OpenID Connect issuer whose tokens the services accept, and the audience they expect. */
  authIssuer: string;
  authAudience: string;
}

type Report = (line: string) => void;

type Component = PostgresServer | KafkaBroker | LocalIdentityProvider;

/**
 * The infrastructure of `npm start` and the tests: the PostgreSQL at `DATABASE_URL`, the Kafka at
 * `KAFKA_BROKERS` and the identity provider at `AUTH_ISSUER` when they are set, otherwise a local
 * server, broker and provider that this class runs.
 */
export class LocalStack {
  private readonly started: Component[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async up(report: Report = () => undefined): Promise<StackEndpoints> {
    const postgresUrl = await this.upPostgres(report);
    const kafkaBrokers = await this.upKafka(report);
    const { authIssuer, authAudience } = await this.upIdentityProvider(report);
    return { postgresUrl, kafkaBrokers, authIssuer, authAudience };
  }

  /** Stops what this instance started (`onlyOwn`), or every local component. */
  async down(report: Report = () => undefined, onlyOwn = false): Promise<void> {
    const components = onlyOwn
      ? [...this.started].reverse()
      : [this.identityProvider(), await this.kafka(), await this.postgres()];
    for (const component of components) {
      if (component instanceof LocalIdentityProvider && component.isRunning()) {
        await component.stop();
        report('identity   stopped');
      } else if (component instanceof KafkaBroker && component.isRunning()) {
        await component.stop();
        report('kafka      stopped');
      } else if (component instanceof PostgresServer && (await component.isRunning())) {
        await component.stop();
        report('postgres   stopped');
      }
    }
    this.started.length = 0;
  }

  async postgres(): Promise<PostgresServer> {
    return new PostgresServer({
      baseDir: await postgresDataHome('postgres'),
      port: Number(this.env.ITSM_POSTGRES_PORT ?? 55432),
    });
  }

  async kafka(): Promise<KafkaBroker> {
    const port = Number(this.env.ITSM_KAFKA_PORT ?? 9092);
    return new KafkaBroker({
      baseDir: join(localStateDir(), 'kafka'),
      port,
      controllerPort: port + 1,
    });
  }

  identityProvider(): LocalIdentityProvider {
    return new LocalIdentityProvider({
      baseDir: join(localStateDir(), 'idp'),
      port: Number(this.env.ITSM_IDP_PORT ?? 3100),
    });
  }

  private async upIdentityProvider(
    report: Report,
  ): Promise<{ authIssuer: string; authAudience: string }> {
    if (this.env.AUTH_ISSUER) {
      report(`identity   external issuer ${this.env.AUTH_ISSUER}`);
      return {
        authIssuer: this.env.AUTH_ISSUER,
        authAudience: this.env.AUTH_AUDIENCE ?? LOCAL_AUDIENCE,
      };
    }
    const provider = this.identityProvider();
    if (provider.isRunning()) {
      report(`identity   already running at ${provider.issuer}`);
    } else {
      await provider.start();
      this.started.push(provider);
      report(`identity   ready at ${provider.issuer} (log: ${provider.logFile})`);
    }
    return { authIssuer: provider.issuer, authAudience: provider.audience };
  }

  private async upPostgres(report: Report): Promise<string> {
    if (this.env.DATABASE_URL) {
      report(`postgres   external at ${redactUrl(this.env.DATABASE_URL)}`);
      return this.env.DATABASE_URL;
    }
    const server = await this.postgres();
    if (await server.isRunning()) {
      report(`postgres   already running on 127.0.0.1:${server.port}`);
    } else {
      await server.start();
      this.started.push(server);
      report(`postgres   ready on 127.0.0.1:${server.port} (log: ${server.log})`);
    }
    return server.url();
  }

  private async upKafka(report: Report): Promise<string[]> {
    if (this.env.KAFKA_BROKERS) {
      report(`kafka      external at ${this.env.KAFKA_BROKERS}`);
      return this.env.KAFKA_BROKERS.split(',').map((broker) => broker.trim());
    }
    const broker = await this.kafka();
    if (broker.isRunning()) {
      report(`kafka      already running on ${broker.bootstrapServer}`);
    } else {
      await broker.start();
      this.started.push(broker);
      report(`kafka      ready on ${broker.bootstrapServer} (log: ${broker.logFile})`);
    }
    return [broker.bootstrapServer];
  }
}

/**
 * A folder for a PostgreSQL cluster: under .local, unless the `postgres` user cannot reach it (a
 * checkout below a private home folder), then under /var/tmp.
 */
export async function postgresDataHome(name: string): Promise<string> {
  if (await postgresUserCanUse(localStateDir())) return join(localStateDir(), name);
  return join('/var/tmp', `itsm-${checkoutId()}`, name);
}

/** The URL of a service's own database on the same server. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
