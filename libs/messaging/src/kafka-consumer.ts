import type { Consumer } from 'kafkajs';
import { kafkajsOf, type KafkaClient } from './kafka-client';
import { decodeHeaders } from './kafka-headers';

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
}

/**
 * A consumer group member that commits a message's offset (offset + 1) only after its handler has
 * finished, so a crash in between redelivers the message instead of losing it.
 */
export class KafkaConsumer {
  private readonly consumer: Consumer;

  constructor(
    kafka: KafkaClient,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafkajsOf(kafka).consumer({ groupId: options.groupId });
  }

  async start(handler: MessageHandler): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.options.topics,
      fromBeginning: this.options.fromBeginning ?? false,
    });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        await handler({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value,
          headers: decodeHeaders(message.headers),
        });
        await this.consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    });
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
