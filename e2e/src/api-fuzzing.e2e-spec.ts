import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { deadLetterTopic, practiceTopic } from '@itsm/contracts';
import { databaseUrlFor, localStateDir, ServiceProcess, workspaceRoot } from '@itsm/local-stack';
import { KafkaAdmin } from '@itsm/messaging';
import { dropDatabase } from '@itsm/persistence';
import {
  createTestKafka,
  freePort,
  testAuthEnv,
  testKafkaBrokers,
  testPostgresUrl,
  tokenFor,
} from '@itsm/testing';

jest.setTimeout(600_000);

const FUZZED = ['configuration', 'incident'] as const;
/** A fixed seed keeps `npm test` repeatable; ITSM_FUZZ_SEED sets another to explore further. */
const SEED = process.env.ITSM_FUZZ_SEED ?? '20261201';
const MAX_SECONDS = process.env.ITSM_FUZZ_SECONDS ?? '60';

/**
 * schemathesis against each service's own OpenAPI document, as an integrator's generated client or
 * an attacker would call it, with a token that may do everything, on throwaway databases and topics:
 * no server error, no answer outside its documented statuses, content types, headers and schemas, and
 * nothing the document forbids accepted. The settings are e2e/fuzzing/schemathesis.toml.
 */
describe('every service against its OpenAPI document (schemathesis)', () => {
  const run = randomBytes(3).toString('hex');
  const prefix = `fuzz${run}.`;
  const services = new Map<string, ServiceProcess>();
  const databases = new Map<string, string>();

  beforeAll(async () => {
    for (const name of FUZZED) {
      databases.set(name, databaseUrlFor(testPostgresUrl(), `e2e_fuzz_${name}_${run}`));
      services.set(
        name,
        new ServiceProcess({
          name,
          port: await freePort(),
          logFile: join(localStateDir(), 'logs', `e2e-${run}`, `${name}.log`),
          env: {
            DATABASE_URL: databases.get(name)!,
            KAFKA_BROKERS: testKafkaBrokers().join(','),
            KAFKA_TOPIC_PREFIX: prefix,
            ...testAuthEnv(),
          },
        }),
      );
    }
    for (const service of services.values()) service.start();
    await Promise.all([...services.values()].map((service) => service.waitUntilReady(120_000)));
  });

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.stop()));
    for (const url of databases.values()) await dropDatabase(url);
    const admin = new KafkaAdmin(createTestKafka(`fuzz-cleanup-${run}`));
    await admin.deleteTopics(
      FUZZED.map((practice) => prefix + practiceTopic(practice)).flatMap((topic) => [
        topic,
        deadLetterTopic(topic),
      ]),
    );
    await admin.disconnect();
  });

  it.each(FUZZED)('%s answers every generated request as its document says', async (name) => {
    const service = services.get(name)!;
    const { code, output } = await schemathesis(`${service.url}/api/v1/openapi.json`, {
      ITSM_FUZZ_TOKEN: await tokenFor('ada'),
    });
    // The whole report on failure: each failure with its curl command to reproduce it.
    expect({ code, output: code === 0 ? 'passed' : output }).toEqual({ code: 0, output: 'passed' });
    expect(output).toMatch(/test cases:\s+\d+ generated/i);
  });
});

function schemathesis(
  url: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const root = workspaceRoot();
  const child = spawn(
    join(root, '.local', 'tools', 'schemathesis', 'bin', 'schemathesis'),
    [
      '--config-file',
      join(root, 'e2e', 'fuzzing', 'schemathesis.toml'),
      'run',
      url,
      '--seed',
      SEED,
      '--max-time',
      MAX_SECONDS,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
