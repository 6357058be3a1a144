import { setTimeout as sleep } from 'node:timers/promises';
import {
  deadLetterTopic,
  findEventDefinition,
  fromKafkaHeaders,
  validateEventData,
  type EventDefinition,
} from '@itsm/contracts';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { Inbox } from '../inbox/inbox';
import { KafkaAdmin } from '../kafka-admin';
import { kafkajsOf, type KafkaClient } from '../kafka-client';
import { decodeHeaders } from '../kafka-headers';
import { messagingMetrics } from '../metrics';
import { contextFromHeaders, inSpan, SpanKind } from '../tracing';
import {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_SUBSCRIPTION,
  type ConsumedEvent,
  type EventContext,
} from './consumed-event';
import { subscriptionChunkSize } from './chunk-size';
import { DeadLetters, type DeadLetterReason, type MessagePlace } from './dead-letters';
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export interface EventConsumerOptions {
  kafka: KafkaClient;
  dataSource: DataSource;
  /** Prefix of every consumer group and inbox name, e.g. `itsm-incident`. */
  groupPrefix: string;
  /** Prefix of every topic name, as the producing services use it (`KAFKA_TOPIC_PREFIX`). */
  topicPrefix?: string;
  retry?: RetryPolicy;
  /** Partitions of one subscription handled at once (order holds within a partition). */
  partitionsConsumedConcurrently?: number;
  /**
   * How long the group waits for a silent consumer before giving its partitions to another (kafkajs
   * default 30 s). After a broker restart the group also waits this long for the member it lost.
   */
  sessionTimeoutMs?: number;
  topicPartitions?: number;
  replicationFactor?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead_lettered';

type PreparedEvent = {
  kind: 'event';
  message: KafkaMessage;
  place: MessagePlace;
  headers: Record<string, string>;
  event: ConsumedEvent;
  handler: MessageHandler;
};
type Prepared =
  | PreparedEvent
  | { kind: 'ignored'; message: KafkaMessage; place: MessagePlace }
  | { kind: 'invalid'; message: KafkaMessage; place: MessagePlace; error: string };

interface Subscription {
  name: string;
  handlers: Map<string, { definition: EventDefinition; handler: MessageHandler }>;
  inbox: Inbox;
  /** Events applied in one transaction, at most: bounds the work redone when one of them fails. */
  chunkSize: number;
  consumer?: Consumer;
}

/**
 * A Nest transport strategy on Kafka for `@OnEvent` handlers. It fixes what the stock Kafka server
 * gets wrong for us: an event's effect and its claim in the subscription's `Inbox` commit in one
 * transaction (a redelivery is skipped), offsets are committed only after that, failures are
 * retried with backoff (`RetryPolicy`), and an invalid event or one whose retries ran out goes to
 * `<topic>.dlq` with the error (`DeadLetters`), so the partition moves on.
 */
export class EventConsumerTransport extends Server implements CustomTransportStrategy {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly retry: RetryPolicy;
  private deadLetters?: DeadLetters;
  private readonly lag = new Map<string, number>();

  constructor(private readonly options: EventConsumerOptions) {
    super();
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    messagingMetrics.meter
      .createObservableGauge('itsm_consumer_lag', {
        description: 'Messages behind the end of each partition',
      })
      .addCallback((result) => {
        for (const [key, value] of this.lag) {
          const [subscription, topic, partition] = key.split('|');
          result.observe(value, {
            subscription: subscription!,
            topic: topic!,
            partition: partition!,
          });
        }
      });
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.subscriptions.values()].map((subscription) => subscription.consumer?.disconnect()),
    );
    await this.deadLetters?.disconnect();
    this.subscriptions.clear();
  }

  on(): never {
    throw new Error(
      'EventConsumerTransport reports its state through logs and metrics, not events',
    );
  }

  unwrap<T>(): T {
    return this.options.kafka as T;
  }

  private async start(): Promise<void> {
    for (const [pattern, handler] of this.getHandlers()) {
      const definition = findEventDefinition(pattern);
      if (!definition) throw new Error(`@OnEvent('${pattern}'): no such event in contracts`);
      const name = (handler.extras?.subscription as string | undefined) ?? DEFAULT_SUBSCRIPTION;
      const subscription = this.subscriptions.get(name) ?? {
        name,
        handlers: new Map(),
        inbox: new Inbox(this.inboxConsumerOf(name)),
        chunkSize: DEFAULT_CHUNK_SIZE,
      };
      subscription.chunkSize = subscriptionChunkSize(
        pattern,
        subscription.chunkSize,
        handler.extras?.chunkSize as number | undefined,
      );
      subscription.handlers.set(pattern, { definition, handler });
      this.subscriptions.set(name, subscription);
    }
    if (this.subscriptions.size === 0) return;

    const topics = [
      ...new Set(
        [...this.subscriptions.values()].flatMap((s) =>
          [...s.handlers.values()].map((h) => this.topicOf(h.definition)),
        ),
      ),
    ];
    const admin = new KafkaAdmin(this.options.kafka);
    await admin.ensureTopics(
      topics
        .flatMap((topic) => [topic, deadLetterTopic(topic)])
        .map((topic) => ({
          topic,
          partitions: this.options.topicPartitions ?? 3,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
    );
    await admin.disconnect();

    this.deadLetters = new DeadLetters(this.options.kafka, (level, message) =>
      this.log(level, message),
    );
    await this.deadLetters.connect();
    for (const subscription of this.subscriptions.values()) await this.run(subscription);
  }

  private async run(subscription: Subscription): Promise<void> {
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = kafkajsOf(this.options.kafka).consumer({
      groupId: this.kafkaGroupOf(subscription),
      sessionTimeout,
      heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 10)),
      // A fetch returns as soon as an event is there whatever this is; an idle one waits this long,
      // and leaving the group at shutdown waits for it (kafkajs' 5 s made every stop take 5 s).
      maxWaitTimeInMs: 1000,
    });
    subscription.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: [
        ...new Set([...subscription.handlers.values()].map((h) => this.topicOf(h.definition))),
      ],
      fromBeginning: true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.handleBatch(subscription, consumer, payload),
    });
  }

  /**
   * A fetched batch is applied a chunk at a time, each chunk in one transaction with its inbox rows:
   * one commit for many events. When anything in a chunk fails, the chunk is rolled back and applied
   * again one event at a time, with retries and dead letters.
   */
  private async handleBatch(
    subscription: Subscription,
    consumer: Consumer,
    payload: EachBatchPayload,
  ): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    let next: string | undefined;
    for (let start = 0; start < batch.messages.length; start += subscription.chunkSize) {
      if (!isRunning() || isStale()) break;
      const chunk = batch.messages
        .slice(start, start + subscription.chunkSize)
        .map((message) => this.prepare(subscription, batch.topic, batch.partition, message));
      let outcomes = await this.applyChunk(subscription, chunk).catch(() => undefined);
      if (!outcomes) {
        outcomes = [];
        for (const item of chunk)
          outcomes.push(await this.applyAlone(subscription, item, heartbeat));
      }
      for (const outcome of outcomes)
        messagingMetrics.consumed.add(1, { subscription: subscription.name, outcome });
      const last = chunk[chunk.length - 1]!.message.offset;
      resolveOffset(last);
      next = (BigInt(last) + 1n).toString();
      this.lag.set(
        `${subscription.name}|${batch.topic}|${batch.partition}`,
        Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))),
      );
      await heartbeat();
    }
    // Every effect above is committed in PostgreSQL; only now may Kafka forget these messages.
    if (next !== undefined) {
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: next },
      ]);
    }
  }

  /** Decodes and validates a message: an event for a handler, one to ignore, or an invalid one. */
  private prepare(
    subscription: Subscription,
    topic: string,
    partition: number,
    message: KafkaMessage,
  ): Prepared {
    const headers = decodeHeaders(message.headers);
    const place = { topic, partition, offset: message.offset, subscription: subscription.name };
    const envelope = fromKafkaHeaders(headers);
    if (!envelope.ok) return { kind: 'invalid', message, place, error: envelope.errors.join('; ') };
    const target = subscription.handlers.get(envelope.envelope.type);
    if (!target) return { kind: 'ignored', message, place };
    let data: unknown;
    try {
      data = JSON.parse(message.value?.toString() ?? 'null');
    } catch (error) {
      return {
        kind: 'invalid',
        message,
        place,
        error: `body is not JSON: ${(error as Error).message}`,
      };
    }
    const validation = validateEventData(target.definition, data);
    if (!validation.valid)
      return { kind: 'invalid', message, place, error: validation.errors.join('; ') };
    const event: ConsumedEvent = {
      ...envelope.envelope,
      data,
      topic,
      partition,
      offset: message.offset,
    };
    return { kind: 'event', message, place, headers, event, handler: target.handler };
  }

  /** The whole chunk in one transaction; rejects (and changes nothing) if any handler fails. */
  private async applyChunk(subscription: Subscription, chunk: Prepared[]): Promise<Outcome[]> {
    const events = chunk.filter((item): item is PreparedEvent => item.kind === 'event');
    const applied = new Set<string>();
    if (events.length > 0) {
      await this.options.dataSource.transaction(async (manager) => {
        const fresh = await subscription.inbox.claim(
          manager,
          events.map((item) => item.event),
        );
        for (const item of events) {
          // A redelivery inside the same chunk has the same id: the first one applies it.
          if (!fresh.delete(item.event.id)) continue;
          await this.runHandler(subscription, item, {
            manager,
            subscription: subscription.name,
            attempt: 1,
          });
          applied.add(item.message.offset);
        }
      });
    }
    const outcomes: Outcome[] = [];
    for (const item of chunk) {
      if (item.kind === 'invalid')
        outcomes.push(await this.deadLetter(item, 'invalid', item.error, 0));
      else if (item.kind === 'ignored') outcomes.push('ignored');
      else outcomes.push(applied.has(item.message.offset) ? 'applied' : 'duplicate');
    }
    return outcomes;
  }

  /** One event in its own transaction, retried with backoff, dead-lettered when it cannot be applied. */
  private async applyAlone(
    subscription: Subscription,
    item: Prepared,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    if (item.kind === 'ignored') return 'ignored';
    if (item.kind === 'invalid') return this.deadLetter(item, 'invalid', item.error, 0);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(subscription, item, attempt);
      } catch (error) {
        const next = afterFailure(this.retry, attempt, error);
        const text = error instanceof Error ? error.message : String(error);
        if ('deadLetter' in next) return this.deadLetter(item, next.deadLetter, text, attempt);
        messagingMetrics.retries.add(1, { subscription: subscription.name });
        this.log(
          'warn',
          `${item.event.type} ${item.event.id} failed (attempt ${attempt}): ${text}; retrying`,
        );
        await sleep(next.retryAfterMs);
        await heartbeat();
      }
    }
  }

  /** A handler call in a consumer span that continues the trace the event carries. */
  private runHandler(
    subscription: Subscription,
    item: PreparedEvent,
    context: EventContext,
  ): Promise<void> {
    const attributes = {
      'messaging.system': 'kafka',
      'messaging.destination.name': item.event.topic,
      'messaging.message.id': item.event.id,
      'messaging.consumer.group.name': this.kafkaGroupOf(subscription),
    };
    return inSpan(
      `${item.event.topic} process`,
      SpanKind.CONSUMER,
      contextFromHeaders(item.headers),
      attributes,
      async () => {
        await lastValueFrom(this.transformToObservable(await item.handler(item.event, context)), {
          defaultValue: undefined,
        });
      },
    );
  }

  /** The effect and the inbox row in one transaction: a second delivery finds the row and does nothing. */
  private async applyOnce(
    subscription: Subscription,
    item: PreparedEvent,
    attempt: number,
  ): Promise<Outcome> {
    return this.options.dataSource.transaction(async (manager) => {
      const claimed = await subscription.inbox.claim(manager, [item.event]);
      if (claimed.size === 0) return 'duplicate';
      await this.runHandler(subscription, item, {
        manager,
        subscription: subscription.name,
        attempt,
      });
      return 'applied';
    });
  }

  private async deadLetter(
    item: Prepared,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<Outcome> {
    const { message, place } = item;
    await this.deadLetters!.send(
      { key: message.key, value: message.value, headers: decodeHeaders(message.headers) },
      place,
      { reason, error, attempts },
    );
    return 'dead_lettered';
  }

  private topicOf(definition: EventDefinition): string {
    return (this.options.topicPrefix ?? '') + definition.topic;
  }

  /** The subscription's name in the inbox (each service's own database). */
  private inboxConsumerOf(subscription: string): string {
    return `${this.options.groupPrefix}.${subscription}`;
  }

  /**
   * The consumer group in Kafka carries the topic prefix too: environments sharing a cluster must
   * not share groups, or one environment's members are handed the other's partitions (and its own
   * topics wait for a rebalance).
   */
  private kafkaGroupOf(subscription: Subscription): string {
    return `${this.options.topicPrefix ?? ''}${subscription.inbox.consumer}`;
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, message);
  }
}
