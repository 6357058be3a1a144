import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { EVENT_CATALOG } from '../registry';
import { EVENTS_FILE, renderEventsMarkdown } from './events-markdown';
import { ASYNCAPI_FILE, renderAsyncApi } from './render';

const committed = readFileSync(join(__dirname, '..', '..', ASYNCAPI_FILE), 'utf8');

describe('the AsyncAPI document', () => {
  it('is up to date with the event definitions (npm run contracts:asyncapi regenerates it)', () => {
    expect(committed).toBe(renderAsyncApi());
    expect(readFileSync(join(__dirname, '..', '..', EVENTS_FILE), 'utf8')).toBe(
      renderEventsMarkdown(),
    );
  });

  it('is a valid AsyncAPI 3 document with a message for every event', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    const names = document!
      .allMessages()
      .all()
      .map((message) => message.name());
    expect(names.sort()).toEqual(EVENT_CATALOG.map((definition) => definition.type).sort());
    expect(
      document!
        .channels()
        .all()
        .map((channel) => channel.address())
        .sort(),
    ).toEqual([
      'itsm.catalog.v1',
      'itsm.change.v1',
      'itsm.configuration.v1',
      'itsm.incident.v1',
      'itsm.problem.v1',
    ]);
  });
});
