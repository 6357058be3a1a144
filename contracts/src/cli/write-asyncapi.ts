/** `npm run contracts:asyncapi`: regenerates contracts/asyncapi.yaml and EVENTS.md from the event definitions. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEventsMarkdown, EVENTS_FILE } from '../asyncapi/events-markdown';
import { ASYNCAPI_FILE, renderAsyncApi } from '../asyncapi/render';

for (const [file, text] of [
  [ASYNCAPI_FILE, renderAsyncApi()],
  [EVENTS_FILE, renderEventsMarkdown()],
] as const) {
  const target = join(__dirname, '..', '..', file);
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
