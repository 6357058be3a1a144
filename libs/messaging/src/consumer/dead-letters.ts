import { deadLetterTopic } from '@itsm/contracts';
import type { KafkaClient } from '../kafka-client';
import { KafkaProducer, type OutgoingMessage } from '../kafka-producer';
import { messagingMetrics } from '../metrics';

export type DeadLetterReason = 'invalid' | 'exhausted' | 'permanent';

/** Where a consumed message was read, and by which subscription. */
export interface MessagePlace {
  topic: string;
  partition: number;
  offset: string;
  subscription: string;
}

/** The headers that tell an operator why an event is in the dead-letter topic and where it came from. */
export function deadLetterHeaders(
  details: MessagePlace & {
    reason: DeadLetterReason;
    error: string;
    attempts: number;
    failedAt: Date;
  },
): Record<string, string> {
  return {
    dlq_reason: details.reason,
    dlq_error: details.error.slice(0, 2000),
    dlq_attempts: String(details.attempts),
    dlq_topic: details.topic,
    dlq_partition: String(details.partition),
    dlq_offset: details.offset,
    dlq_subscription: details.subscription,
    dlq_failed_at: details.failedAt.toISOString(),
  };
}

/**
 * `<topic>.dlq`: where a message goes that can never be applied (invalid, refused as permanent, or
 * out of retries), unchanged but for the headers that say why, so that its partition moves on.
 */
export class DeadLetters {
  private readonly producer: KafkaProducer;

  constructor(
    kafka: KafkaClient,
    private readonly log?: (level: 'error', message: string) => void,
  ) {
    this.producer = new KafkaProducer(kafka);
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send(
    message: OutgoingMessage & { headers: Record<string, string> },
    place: MessagePlace,
    failure: { reason: DeadLetterReason; error: string; attempts: number },
  ): Promise<void> {
    const { reason, error, attempts } = failure;
    this.log?.(
      'error',
      `dead-lettering ${place.topic}/${place.partition}@${place.offset} (${reason}): ${error}`,
    );
    await this.producer.send(deadLetterTopic(place.topic), [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          ...deadLetterHeaders({ ...place, reason, error, attempts, failedAt: new Date() }),
        },
      },
    ]);
    messagingMetrics.deadLetters.add(1, { subscription: place.subscription, reason });
  }
}
