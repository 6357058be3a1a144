/**
 * The incident events of `npm run bench:problem`'s detection part, and its raw baseline: incidents
 * opened on a pool of CIs (each CI's incidents recur, so their clusters reach the threshold and a
 * problem is opened), a share of them updated with the business services they impact (the service
 * and category clusters); and a plain kafkajs consumer doing one INSERT per event.
 */
import { randomUUID } from 'node:crypto';
import {
  assertValidEventData,
  eventSource,
  incidentCreated,
  incidentUpdated,
  toKafkaHeaders,
  type EventData,
  type EventDefinition,
} from '@itsm/contracts';
import { KafkaProducer, type KafkaClient, type OutgoingMessage } from '@itsm/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { seededRandom } from './known-error-corpus';

const CATEGORIES = ['software', 'hardware', 'network', 'database', 'security'];

function message<D extends EventDefinition>(
  definition: D,
  key: string,
  data: EventData<D>,
): OutgoingMessage {
  assertValidEventData(definition, data);
  return {
    key,
    value: JSON.stringify(data),
    headers: toKafkaHeaders({
      id: randomUUID(),
      source: eventSource('incident'),
      type: definition.type,
      time: new Date().toISOString(),
      subject: key,
    }),
  };
}

/**
 * `count` events: incidents opened now on `cis` CIs (one in five without a CI), one in four then
 * updated with one of `services` business services; an incident's events share its key, so they
 * stay in order.
 */
export function incidentEvents(options: {
  count: number;
  cis: number;
  services: number;
  uuidOf: (pool: string, index: number) => string;
}): OutgoingMessage[] {
  const random = seededRandom(7);
  const messages: OutgoingMessage[] = [];
  for (let i = 1; messages.length < options.count; i++) {
    const id = randomUUID();
    const number = `INC${String(i).padStart(7, '0')}`;
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const now = new Date().toISOString();
    messages.push(
      message(incidentCreated, id, {
        id,
        number,
        shortDescription: `Recurring fault ${i % 97} on the monitored estate`,
        state: 'new',
        impact: 2,
        urgency: 2,
        priority: 3,
        category,
        callerId: 'alice',
        openedBy: 'alice',
        openedAt: now,
        assignmentGroup: 'service-desk',
        major: false,
        ...(random() < 0.8 && {
          configurationItemId: options.uuidOf('incident-ci', Math.floor(random() * options.cis)),
        }),
      }),
    );
    if (random() < 0.25 && messages.length < options.count) {
      const service = options.uuidOf('service', Math.floor(random() * options.services));
      messages.push(
        message(incidentUpdated, id, {
          id,
          number,
          version: 2,
          changedBy: 'system:impact',
          changedAt: now,
          changes: [
            {
              field: 'impactedServices',
              oldValue: [],
              newValue: [{ id: service, name: 'Business service', criticality: 2 }],
            },
          ],
        }),
      );
    }
  }
  return messages;
}

/** Sends the events in batches (what an incident service's relay does), returning the seconds. */
export async function publish(
  kafka: KafkaClient,
  topic: string,
  messages: OutgoingMessage[],
): Promise<number> {
  const producer = new KafkaProducer(kafka);
  await producer.connect();
  const started = performance.now();
  for (let i = 0; i < messages.length; i += 500) {
    await producer.send(topic, messages.slice(i, i + 500));
  }
  const seconds = (performance.now() - started) / 1000;
  await producer.disconnect();
  return seconds;
}

/**
 * The raw baseline: plain kafkajs consuming `topic` (its partitions concurrently) with one INSERT
 * per event into a table of its own; resolves once `count` rows are there.
 */
export async function rawConsumer(options: {
  brokers: string[];
  topic: string;
  database: string;
  count: number;
}): Promise<{ done: Promise<void>; stop: () => Promise<void> }> {
  const pool = new Pool({ connectionString: options.database, max: 3 });
  await pool.query(`CREATE TABLE raw_incident_events (
    event_id text PRIMARY KEY, incident_id uuid NOT NULL, type text NOT NULL, payload jsonb NOT NULL)`);
  const kafka = new Kafka({
    brokers: options.brokers,
    clientId: 'bench-raw',
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `${options.topic}-raw`, maxWaitTimeInMs: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  let applied = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message: received }) => {
      await pool.query(
        `INSERT INTO raw_incident_events VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [
          received.headers!.ce_id!.toString(),
          received.key!.toString(),
          received.headers!.ce_type!.toString(),
          received.value!.toString(),
        ],
      );
      if (++applied === options.count) finish();
    },
  });
  return {
    done,
    stop: async () => {
      await consumer.disconnect();
      await pool.end();
    },
  };
}
