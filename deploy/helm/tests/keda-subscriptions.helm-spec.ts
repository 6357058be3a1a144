import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as contracts from '@itsm/contracts';
import { parse } from 'yaml';
import { chartsDir, repoRoot, SERVICES } from './render';

interface Subscription {
  name: string;
  topic: string;
}

const HANDLER = /@OnEvent\(\s*(\w+)\s*,\s*(\{[^}]*\}|\w+)\s*\)/g;
const SUBSCRIPTION = /subscription:\s*'([^']+)'/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(spec|int-spec|testing)\.ts$/.test(entry.name) || !entry.name.endsWith('.ts')
      ? []
      : [path];
  });
}

function topicOf(eventName: string): string {
  const definition = (contracts as Record<string, unknown>)[eventName] as
    contracts.EventDefinition | undefined;
  if (!definition?.topic) throw new Error(`${eventName} is not an event of @itsm/contracts`);
  return definition.topic;
}

/** What the service's handlers consume: one consumer group per subscription, on each topic it reads. */
function consumedBy(practice: string): Subscription[] {
  const found = new Map<string, Subscription>();
  for (const file of sourceFiles(join(repoRoot, 'services', practice, 'src'))) {
    const source = readFileSync(file, 'utf8');
    const handlers = [...source.matchAll(HANDLER)];
    // A handler written another way would be missed silently, and the chart would look complete.
    expect(`${file}: ${handlers.length} @OnEvent understood`).toBe(
      `${file}: ${source.split('@OnEvent(').length - 1} @OnEvent understood`,
    );
    for (const [, eventName, options] of handlers) {
      const name = subscriptionNamed(source, options, file);
      const subscription = { name, topic: topicOf(eventName) };
      found.set(`${subscription.name} ${subscription.topic}`, subscription);
    }
  }
  return [...found.values()];
}

/** The options are written in place, or as a constant of the same file (shared by its handlers). */
function subscriptionNamed(source: string, options: string, file: string): string {
  const literal = options.startsWith('{')
    ? options
    : new RegExp(`const ${options}\\s*=\\s*(\\{[^}]*\\})`).exec(source)?.[1];
  const name = literal && SUBSCRIPTION.exec(literal)?.[1];
  if (!name) throw new Error(`${file}: no subscription name in @OnEvent options ${options}`);
  return name;
}

function declaredIn(practice: string): Subscription[] {
  const values = parse(readFileSync(join(chartsDir, `itsm-${practice}`, 'values.yaml'), 'utf8'));
  return values.keda.subscriptions as Subscription[];
}

const byNameAndTopic = (a: Subscription, b: Subscription) =>
  `${a.name} ${a.topic}`.localeCompare(`${b.name} ${b.topic}`);

describe("each chart's keda.subscriptions (the consumer lag KEDA scales on)", () => {
  it.each(SERVICES)(
    'names every consumer group and topic of the %s service, and only those',
    (practice) => {
      const consumed = consumedBy(practice).sort(byNameAndTopic);
      expect(consumed.length).toBeGreaterThan(0);
      expect([...declaredIn(practice)].sort(byNameAndTopic)).toEqual(consumed);
    },
  );
});
