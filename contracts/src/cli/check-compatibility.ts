/**
 * `npm run contracts:check`: fails when an event schema breaks its released version.
 * `npm run contracts:check -- --release`: after a passing check, records the current schemas as released.
 */
import { EVENT_CATALOG } from '../registry';
import { compatibilityReport, readSnapshots, writeSnapshots } from '../compatibility/snapshots';

const breaks = compatibilityReport(readSnapshots(), EVENT_CATALOG);
if (breaks.length > 0) {
  process.stderr.write(
    `Breaking changes to released event schemas (publish a new major version instead):\n${breaks.map((b) => `  - ${b}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('Event schemas are compatible with their released versions.\n');
if (process.argv.includes('--release')) {
  process.stdout.write(
    `Recorded ${writeSnapshots(EVENT_CATALOG).length} released schemas in contracts/snapshots.\n`,
  );
}
