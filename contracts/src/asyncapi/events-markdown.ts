import { EVENT_CATALOG } from '../registry';

export const EVENTS_FILE = 'EVENTS.md';

/** contracts/EVENTS.md: every event with its topic, description and an example, for integrators. */
export function renderEventsMarkdown(): string {
  const sections = EVENT_CATALOG.map(
    (definition) =>
      `### \`${definition.type}\`\n\n${definition.description}\n\nTopic \`${definition.topic}\`, key: the record id. Example data:\n\n\`\`\`json\n${JSON.stringify(definition.example, null, 2)}\n\`\`\`\n`,
  );
  return `<!-- Generated from contracts/src by \`npm run contracts:asyncapi\`. Do not edit. -->\n# Events\n\n${EVENT_CATALOG.length} event types; their full schemas are in \`asyncapi.yaml\`.\n\n${sections.join('\n')}`;
}
