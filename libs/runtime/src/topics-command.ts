import { topicsOwnedBy, type Practice } from '@itsm/contracts';
import { loadConfig } from '@itsm/config';
import {
  createKafka,
  KafkaAdmin,
  type KafkaEnv,
  kafkaEnvSchema,
  kafkaSettingsFrom,
  type TopicSpec,
} from '@itsm/messaging';
import type { ServiceDefinition } from './service-definition';

export const TOPICS_ACTIONS = ['ensure'] as const;

/** The topics a practice's service owns (its topic and dead-letter topic), as configured. */
export function ownedTopicSpecs(practice: Practice, config: KafkaEnv): TopicSpec[] {
  return topicsOwnedBy(practice).map((topic) => ({
    topic: config.KAFKA_TOPIC_PREFIX + topic,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  }));
}

/**
 * `main.js topics ensure`: creates the service's missing topics without starting it (the Helm
 * chart's topic Job runs this before the pods, so that the Create ACL can stay with the Job). Needs
 * only the `KAFKA_*` variables. The service itself still creates a missing topic at start.
 */
export async function topicsCommand(
  definition: ServiceDefinition,
  action: string = 'ensure',
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  env = process.env,
): Promise<void> {
  if (!(TOPICS_ACTIONS as readonly string[]).includes(action)) {
    throw new Error(`unknown topics action "${action}": use ${TOPICS_ACTIONS.join(', ')}`);
  }
  const config = loadConfig(kafkaEnvSchema, env);
  const admin = new KafkaAdmin(
    createKafka(kafkaSettingsFrom(config, `itsm-${definition.practice}-topics`)),
  );
  try {
    const specs = ownedTopicSpecs(definition.practice, config);
    const created = await admin.ensureTopics(specs);
    const existing = specs.map((s) => s.topic).filter((topic) => !created.includes(topic));
    if (created.length) print(`created: ${created.join(', ')}`);
    if (existing.length) print(`already there: ${existing.join(', ')}`);
  } finally {
    await admin.disconnect();
  }
}
