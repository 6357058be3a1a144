import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('@itsm/messaging');

/** The figures an operator watches to see whether events flow (README: "Metrics"). */
export const messagingMetrics = {
  published: meter.createCounter('itsm_outbox_published_total', {
    description: 'Events the relay published to Kafka',
  }),
  publishLatency: meter.createHistogram('itsm_outbox_publish_latency_seconds', {
    description: 'Time from the outbox write to its acknowledgement by Kafka',
    unit: 's',
  }),
  consumed: meter.createCounter('itsm_consumer_events_total', {
    description:
      'Events a subscription handled, by outcome (applied, duplicate, ignored, dead_lettered)',
  }),
  retries: meter.createCounter('itsm_consumer_retries_total', {
    description: 'Handler attempts that failed and were retried',
  }),
  deadLetters: meter.createCounter('itsm_consumer_dead_letters_total', {
    description: 'Events sent to a dead-letter topic',
  }),
  meter,
};
