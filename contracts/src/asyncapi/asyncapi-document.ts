import type { EventDefinition } from '../define-event';
import { EVENT_CATALOG } from '../registry';
import { deadLetterTopic, PRACTICES } from '../topics';

/** A plain JSON copy: TypeBox keeps its own bookkeeping under symbol keys. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const CLOUD_EVENT_HEADERS = {
  type: 'object',
  description: 'CloudEvents 1.0 attributes in binary mode, and W3C trace context',
  required: [
    'ce_specversion',
    'ce_id',
    'ce_source',
    'ce_type',
    'ce_time',
    'ce_subject',
    'content-type',
  ],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: {
      type: 'string',
      description: 'Unique per event: deduplicate on it (a redelivery carries the same id)',
    },
    ce_source: {
      type: 'string',
      description: '/itsm/<practice>, the producing service',
      examples: ['/itsm/incident'],
    },
    ce_type: { type: 'string', description: 'itsm.<practice>.<entity>.<verb>.v<major>' },
    ce_time: { type: 'string', format: 'date-time', description: 'When the change happened' },
    ce_subject: {
      type: 'string',
      description: 'The id of the record the event is about; also the Kafka key',
    },
    'content-type': { type: 'string', const: 'application/json' },
    traceparent: {
      type: 'string',
      description: 'W3C trace context of the change that caused the event',
    },
    tracestate: { type: 'string' },
  },
};

function messageId(definition: EventDefinition): string {
  return definition.type;
}

function channelId(topic: string): string {
  return topic.replace(/\./g, '-');
}

/**
 * The AsyncAPI 3 document for integrators, generated from the event definitions: one channel per
 * practice topic, one message per event type, the CloudEvents headers as a shared trait.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const topics = [...new Set(EVENT_CATALOG.map((definition) => definition.topic))];
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const topic of topics) {
    const events = EVENT_CATALOG.filter((definition) => definition.topic === topic);
    const messages = Object.fromEntries(
      events.map((definition) => [
        messageId(definition),
        { $ref: `#/components/messages/${messageId(definition)}` },
      ]),
    );
    channels[channelId(topic)] = {
      address: topic,
      title: topic,
      description: `Events of the ${events[0]!.practice} practice, major version ${events[0]!.majorVersion}. Key: the record id, so one record's events keep their order. Dead letters of its consumers: ${deadLetterTopic(topic)}.`,
      messages,
    };
    operations[`publish-${channelId(topic)}`] = {
      action: 'send',
      title: `The ${events[0]!.practice} service publishes`,
      channel: { $ref: `#/channels/${channelId(topic)}` },
      messages: Object.keys(messages).map((id) => ({
        $ref: `#/channels/${channelId(topic)}/messages/${id}`,
      })),
    };
  }

  const messages = Object.fromEntries(
    EVENT_CATALOG.map((definition) => [
      messageId(definition),
      {
        name: definition.type,
        title: `${definition.entity} ${definition.verb.replace(/_/g, ' ')}`,
        summary: definition.description,
        contentType: 'application/json',
        traits: [{ $ref: '#/components/messageTraits/cloudEvent' }],
        payload: plain(definition.schema),
        bindings: {
          kafka: {
            key: { type: 'string', description: 'The id of the record the event is about' },
          },
        },
        examples: [{ name: 'example', payload: plain(definition.example) }],
      },
    ]),
  );

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ITSM platform events',
      version: '1.0.0',
      description:
        'Every event the ITSM platform publishes, one topic per practice and major version. Generated from contracts/ — do not edit by hand (npm run contracts:asyncapi).',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The broker of `npm start`',
      },
    },
    channels,
    operations,
    components: {
      messages,
      messageTraits: { cloudEvent: { headers: CLOUD_EVENT_HEADERS } },
    },
    'x-practices': [...PRACTICES],
  };
}
