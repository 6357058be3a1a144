import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { databaseUrlFor, localStateDir, ServiceProcess } from '@itsm/local-stack';
import { KafkaAdmin } from '@itsm/messaging';
import { dropDatabase } from '@itsm/persistence';
import { freePort } from './disposable-servers';
import { testAuthEnv, testKafkaBrokers, testPostgresUrl } from './infrastructure';
import { createTestKafka } from './test-kafka';

/**
 * One e2e test file's share of the real stack: a run id, a topic prefix and databases of its own,
 * so that whatever it does never reaches what `npm start` or another test file uses; `cleanUp`
 * drops its databases and deletes its topics.
 */
export class E2eRun {
  readonly id = randomBytes(3).toString('hex');
  readonly prefix = `e2e${this.id}.`;
  private readonly databases = new Set<string>();

  /** `label` names the run's databases and log folder, e.g. `flows`. */
  constructor(private readonly label: string) {}

  /** The URL of a database of this run (created by the service that first uses it). */
  databaseUrl(name: string): string {
    const url = databaseUrlFor(testPostgresUrl(), `e2e_${this.label}_${name}_${this.id}`);
    this.databases.add(url);
    return url;
  }

  /**
   * A service process, not started yet, on its own database of this run (or `database`, for a
   * second replica), with the run's topic prefix and the tests' identity provider.
   */
  async service(
    name: string,
    options: { env?: Record<string, string>; database?: string; logName?: string } = {},
  ): Promise<ServiceProcess> {
    return new ServiceProcess({
      name,
      port: await freePort(),
      logFile: join(localStateDir(), 'logs', `e2e-${this.id}`, `${options.logName ?? name}.log`),
      env: {
        DATABASE_URL: options.database ?? this.databaseUrl(name),
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: this.prefix,
        ...testAuthEnv(),
        ...options.env,
      },
    });
  }

  /** Drops the run's databases and deletes every topic under its prefix (dead letters too). */
  async cleanUp(): Promise<void> {
    for (const url of this.databases) await dropDatabase(url);
    const admin = new KafkaAdmin(createTestKafka(`e2e-cleanup-${this.id}`));
    try {
      const ours = (await admin.topicNames()).filter((topic) => topic.startsWith(this.prefix));
      if (ours.length > 0) await admin.deleteTopics(ours);
    } finally {
      await admin.disconnect();
    }
  }
}

/** An answer's parsed body: tests read whichever fields they check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBody = any;

/** A JSON call to a service as a bearer of `token`, answering the status and the parsed body. */
export async function callService(
  service: ServiceProcess,
  method: string,
  path: string,
  token: string,
  body?: object,
): Promise<{ status: number; body: AnyBody }> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
