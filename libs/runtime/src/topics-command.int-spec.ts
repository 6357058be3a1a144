import { randomBytes } from 'node:crypto';
import { KafkaAdmin } from '@itsm/messaging';
import { createTestKafka, testKafkaBrokers } from '@itsm/testing';
import { defineService } from './service-definition';
import { topicsCommand } from './topics-command';

const definition = defineService({
  practice: 'change',
  title: 'Topics test service',
  description: 'A service whose topics the command creates',
  version: '9.9.9',
  modules: [],
  entities: [],
  migrations: [],
});

describe('the topics command, against a real broker', () => {
  const prefix = `topicscmd${randomBytes(3).toString('hex')}.`;
  const ours = [`${prefix}itsm.change.v1`, `${prefix}itsm.change.v1.dlq`];
  const env = {
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: '2',
    KAFKA_REPLICATION_FACTOR: '1',
  };
  const admin = new KafkaAdmin(createTestKafka('topics-command-spec'));

  afterAll(async () => {
    const left = (await admin.topicNames()).filter((topic) => topic.startsWith(prefix));
    if (left.length) await admin.deleteTopics(left);
    await admin.disconnect();
  });

  it('creates the practice’s topic and dead-letter topic under the prefix, then finds them there', async () => {
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    await topicsCommand(definition, 'ensure', print, env);
    await topicsCommand(definition, 'ensure', print, env);
    expect(lines).toEqual([`created: ${ours.join(', ')}`, `already there: ${ours.join(', ')}`]);
    expect((await admin.topicNames()).filter((topic) => topic.startsWith(prefix)).sort()).toEqual(
      ours,
    );
  });

  it('refuses an unknown action and a missing broker list, naming what to do', async () => {
    await expect(topicsCommand(definition, 'delete', () => {}, env)).rejects.toThrow(
      /unknown topics action "delete": use ensure/,
    );
    await expect(topicsCommand(definition, 'ensure', () => {}, {})).rejects.toThrow(
      /KAFKA_BROKERS is required/,
    );
  });
});
