import type { Producer } from 'kafkajs';
import { kafkajsOf, type KafkaClient } from './kafka-client';

export interface OutgoingMessage {
  /** The aggregate id: messages with one key stay in order on one partition. */
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

/**
 * An idempotent producer that waits for every in-sync replica (`acks=all`), so that a retried send
 * neither duplicates nor reorders a message.
 */
export class KafkaProducer {
  private readonly producer: Producer;

  constructor(kafka: KafkaClient) {
    this.producer = kafkajsOf(kafka).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages });
  }

  /** Messages for several topics in one request per broker. */
  async sendBatch(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    await this.producer.sendBatch({ acks: -1, topicMessages: batches });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
