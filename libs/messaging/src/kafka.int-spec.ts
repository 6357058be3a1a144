import { createTestKafka, createTestTopics, uniqueTopic, waitUntil } from '@itsm/testing';
import { KafkaAdmin } from './kafka-admin';
import { KafkaConsumer, type IncomingMessage } from './kafka-consumer';
import { KafkaProducer } from './kafka-producer';

/** Collects messages until `count` have arrived. */
function collector(count: number) {
  const received: IncomingMessage[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  return {
    received,
    all,
    handler: async (message: IncomingMessage) => {
      received.push(message);
      if (received.length === count) done();
    },
  };
}

describe('Kafka against a real broker', () => {
  const kafka = createTestKafka('messaging-int-test');
  const topic = uniqueTopic('messaging');
  let deleteTopics: () => Promise<void>;
  const producer = new KafkaProducer(kafka);

  beforeAll(async () => {
    deleteTopics = await createTestTopics([topic]);
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await deleteTopics();
  });

  it('answers a ping with the cluster shape', async () => {
    const admin = new KafkaAdmin(kafka);
    expect(await admin.ping()).toEqual({ brokers: 1, controller: expect.any(Number) });
    await admin.disconnect();
  });

  it('creates only missing topics', async () => {
    const admin = new KafkaAdmin(kafka);
    const extra = uniqueTopic('ensure');
    const spec = (name: string) => ({ topic: name, partitions: 2, replicationFactor: 1 });
    expect(await admin.ensureTopics([spec(topic), spec(extra)])).toEqual([extra]);
    expect(await admin.ensureTopics([spec(topic), spec(extra)])).toEqual([]);
    await admin.deleteTopics([extra]);
    await admin.disconnect();
  });

  it('delivers messages back with their headers, in order per key', async () => {
    const keys = ['inc-1', 'inc-2', 'inc-3'];
    const sent = keys.flatMap((key) =>
      [1, 2, 3, 4].map((sequence) => ({
        key,
        value: JSON.stringify({ key, sequence }),
        headers: { ce_id: `${key}-${sequence}` },
      })),
    );
    for (const message of sent) await producer.send(topic, [message]);

    const { received, all, handler } = collector(sent.length);
    const consumer = new KafkaConsumer(kafka, {
      groupId: uniqueTopic('group'),
      topics: [topic],
      fromBeginning: true,
    });
    await consumer.start(handler);
    await all;
    await consumer.stop();

    for (const key of keys) {
      const sequences = received
        .filter((message) => message.key === key)
        .map((message) => (JSON.parse(message.value!.toString()) as { sequence: number }).sequence);
      expect(sequences).toEqual([1, 2, 3, 4]);
    }
    expect(received.map((message) => message.headers.ce_id).sort()).toEqual(
      sent.map((m) => m.headers.ce_id).sort(),
    );
  });

  it('commits after the handler, so a restarted member resumes after the last handled message', async () => {
    const groupId = uniqueTopic('resume');
    const resumeTopic = uniqueTopic('resume-topic');
    const deleteResumeTopic = await createTestTopics([resumeTopic], 1);
    await producer.send(
      resumeTopic,
      [1, 2, 3].map((n) => ({ key: 'k', value: String(n) })),
    );

    const first = collector(3);
    const firstMember = new KafkaConsumer(kafka, {
      groupId,
      topics: [resumeTopic],
      fromBeginning: true,
    });
    await firstMember.start(first.handler);
    await first.all;
    const admin = new KafkaAdmin(kafka);
    await waitUntil(
      'the commit of offset 3',
      async () => (await admin.committedOffsets(groupId, resumeTopic)).get(0) === 3n,
      10_000,
      100,
    );
    await admin.disconnect();
    await firstMember.stop();

    await producer.send(resumeTopic, [{ key: 'k', value: '4' }]);
    const second = collector(1);
    const secondMember = new KafkaConsumer(kafka, {
      groupId,
      topics: [resumeTopic],
      fromBeginning: true,
    });
    await secondMember.start(second.handler);
    await second.all;
    await secondMember.stop();

    expect(second.received.map((message) => message.value?.toString())).toEqual(['4']);
    await deleteResumeTopic();
  });
});
