import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { kafkajsOf, type KafkaClient } from './kafka-client';

const LEADER_WAIT_MS = 30_000;

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level configuration, e.g. `retention.ms`. */
  config?: Record<string, string>;
}

/** Cluster checks and topic provisioning, over one admin connection. */
export class KafkaAdmin {
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(kafka: KafkaClient) {
    this.admin = kafkajsOf(kafka).admin();
  }

  /** The cluster's shape; callers that need an answer in bounded time race it (see readiness). */
  async ping(): Promise<{ brokers: number; controller: number | null }> {
    await this.connect();
    const cluster = await this.admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  }

  /** Creates the topics that do not exist yet; returns the names it created. */
  async ensureTopics(specs: TopicSpec[]): Promise<string[]> {
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return [];
    await this.admin.createTopics({
      // kafkajs' own wait gives up when a KRaft broker has not yet heard of the new topic.
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    const created = missing.map((spec) => spec.topic);
    await this.waitForLeaders(created);
    return created;
  }

  /**
   * Waits until every partition of the topics has a leader. Right after creation a broker may answer
   * "unknown topic" or "no leader" for a moment; both are waited out, anything else is thrown.
   */
  private async waitForLeaders(topics: string[]): Promise<void> {
    const deadline = Date.now() + LEADER_WAIT_MS;
    for (;;) {
      try {
        const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics });
        const led = metadata.every(
          (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
        );
        if (led && metadata.length === topics.length) return;
      } catch (error) {
        if (!isPropagationDelay(error)) throw error;
      }
      if (Date.now() > deadline) throw new Error(`no leader for ${topics.join(', ')} after 30 s`);
      await sleep(100);
    }
  }

  /** The next offset a consumer group will read, per partition of a topic (-1: nothing committed). */
  async committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>> {
    await this.connect();
    const [result] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  }

  /** The ids of the consumer groups the cluster knows. */
  async consumerGroupIds(): Promise<string[]> {
    await this.connect();
    const { groups } = await this.admin.listGroups();
    return groups.map((group) => group.groupId);
  }

  /** The names of the cluster's topics. */
  async topicNames(): Promise<string[]> {
    await this.connect();
    return this.admin.listTopics();
  }

  async deleteTopics(topics: string[]): Promise<void> {
    await this.connect();
    await this.admin.deleteTopics({ topics });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = undefined;
    await this.admin.disconnect();
  }

  private connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }
}

function isPropagationDelay(error: unknown): boolean {
  const { type, cause } = error as { type?: string; cause?: { type?: string } };
  return [type, cause?.type].some(
    (t) => t === 'UNKNOWN_TOPIC_OR_PARTITION' || t === 'LEADER_NOT_AVAILABLE',
  );
}
