import { randomBytes } from 'node:crypto';
import { createKafka, KafkaAdmin, type KafkaClient } from '@itsm/messaging';
import { testKafkaBrokers } from './infrastructure';

/** A topic name no other test uses, so tests never read each other's messages. */
export function uniqueTopic(label: string): string {
  return `test.${label.replace(/[^a-z0-9.-]/gi, '-')}.${randomBytes(4).toString('hex')}`;
}

export function createTestKafka(clientId: string): KafkaClient {
  return createKafka({ brokers: testKafkaBrokers(), clientId });
}

/** Creates topics for a test and returns a function that deletes them. */
export async function createTestTopics(
  topics: string[],
  partitions = 3,
): Promise<() => Promise<void>> {
  const admin = new KafkaAdmin(createTestKafka('test-admin'));
  await admin.ensureTopics(topics.map((topic) => ({ topic, partitions, replicationFactor: 1 })));
  return async () => {
    await admin.deleteTopics(topics);
    await admin.disconnect();
  };
}
