import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventDefinition } from '../define-event';
import { breakingChanges, type JsonSchema } from './schema-compatibility';

/** contracts/snapshots: one file per released event type, its schema as released. */
export const SNAPSHOT_DIR = join(__dirname, '..', '..', 'snapshots');

export function readSnapshots(dir = SNAPSHOT_DIR): Map<string, JsonSchema> {
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.slice(0, -'.json'.length),
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonSchema,
      ]),
  );
}

/** Every way the current definitions break a released version; empty when all is compatible. */
export function compatibilityReport(
  released: Map<string, JsonSchema>,
  catalog: readonly EventDefinition[],
): string[] {
  const current = new Map(catalog.map((definition) => [definition.type, definition]));
  const breaks: string[] = [];
  for (const [type, schema] of released) {
    const definition = current.get(type);
    if (!definition) {
      breaks.push(`${type}: released event type removed`);
      continue;
    }
    const now = JSON.parse(JSON.stringify(definition.schema)) as JsonSchema;
    breaks.push(...breakingChanges(schema, now).map((problem) => `${type} ${problem}`));
  }
  return breaks;
}

/** Records the current schemas as released (run at a release, after the check passes). */
export function writeSnapshots(catalog: readonly EventDefinition[], dir = SNAPSHOT_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return catalog.map((definition) => {
    writeFileSync(
      join(dir, `${definition.type}.json`),
      `${JSON.stringify(definition.schema, null, 2)}\n`,
    );
    return definition.type;
  });
}
