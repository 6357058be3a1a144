import { ConfigError, loadConfig } from '@itsm/config';
import { startDisposableKafka } from '@itsm/testing';
import { createKafka } from './kafka-client';
import { KafkaAdmin } from './kafka-admin';
import { kafkaEnvSchema, kafkaSettingsFrom } from './kafka-config';
import { KafkaProducer } from './kafka-producer';

jest.setTimeout(120_000);

const credentials = { username: 'itsm-incident', password: 'n0t-in-any-log' };

/** A broker that requires SASL/SCRAM, and the platform's client configured from the environment. */
describe('Kafka credentials from the environment', () => {
  let kafka: Awaited<ReturnType<typeof startDisposableKafka>>;
  const logs: string[] = [];

  beforeAll(async () => {
    kafka = await startDisposableKafka({ scram: credentials });
  });

  afterAll(async () => {
    await kafka?.destroy();
  });

  const clientWith = (env: Record<string, string>) =>
    createKafka(
      kafkaSettingsFrom(
        loadConfig(kafkaEnvSchema, { KAFKA_BROKERS: kafka.broker.bootstrapServer, ...env }),
        'credentials-test',
      ),
      (level, message, context) => logs.push(`${level} ${message} ${JSON.stringify(context)}`),
    );

  it('signs in with SCRAM-SHA-256, creates a topic and produces to it', async () => {
    const client = clientWith({
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: credentials.username,
      KAFKA_SASL_PASSWORD: credentials.password,
      KAFKA_CONNECTION_TIMEOUT_MS: '5000',
    });
    const admin = new KafkaAdmin(client);
    const producer = new KafkaProducer(client);
    try {
      expect(
        await admin.ensureTopics([{ topic: 'scram-probe', partitions: 1, replicationFactor: 1 }]),
      ).toEqual(['scram-probe']);
      await producer.connect();
      await producer.send('scram-probe', [{ key: 'k', value: 'v' }]);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  it('is refused with a wrong password, and never logs it', async () => {
    const admin = new KafkaAdmin(
      clientWith({
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: credentials.username,
        KAFKA_SASL_PASSWORD: 'wrong-secret-value',
      }),
    );
    await expect(admin.ping()).rejects.toThrow(/SASL SCRAM SHA256 authentication failed/i);
    await admin.disconnect();
    expect(logs.join('\n')).not.toMatch(/wrong-secret-value|n0t-in-any-log/);
  });

  it('is refused without credentials', async () => {
    const admin = new KafkaAdmin(clientWith({ KAFKA_CONNECTION_TIMEOUT_MS: '2000' }));
    await expect(admin.ping()).rejects.toThrow();
    await admin.disconnect();
  });

  it('names a missing password or unreadable CA file at start, without the secret', () => {
    const problems = (env: Record<string, string>) => {
      try {
        kafkaSettingsFrom(loadConfig(kafkaEnvSchema, { KAFKA_BROKERS: 'k:9092', ...env }), 'x');
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problems({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' })).toEqual([
      'KAFKA_SASL_PASSWORD is required: KAFKA_SASL_MECHANISM is scram-sha-512',
    ]);
    expect(problems({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: '/nonexistent/ca.pem' })).toEqual([
      'KAFKA_TLS_CA_FILE cannot be read (ENOENT): /nonexistent/ca.pem',
    ]);
    expect(problems({ KAFKA_TLS_CA_FILE: '/etc/ssl/ca.pem' })).toEqual([
      'KAFKA_TLS must be true when KAFKA_TLS_CA_FILE is set',
    ]);
    expect(
      problems({
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }),
    ).toEqual(['KAFKA_SASL_MECHANISM plain sends the password in clear: set KAFKA_TLS=true']);
    expect(() =>
      loadConfig(kafkaEnvSchema, {
        KAFKA_BROKERS: 'k:9092',
        KAFKA_SASL_MECHANISM: 'gssapi',
        KAFKA_SASL_PASSWORD: 'hunter2',
      }),
    ).toThrow(/KAFKA_SASL_MECHANISM is invalid .*one of plain, scram-sha-256, scram-sha-512/);
  });
});
