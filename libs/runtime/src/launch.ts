/**
 * A service's entry point. Telemetry starts before anything it instruments is loaded, which is why
 * this file imports only the telemetry entry and loads the rest afterwards.
 */
import { startTelemetry } from '@itsm/observability/telemetry';
import type { ServiceDefinition } from './service-definition';

export function launch(
  practice: string,
  loadDefinition: () => Promise<{ definition: ServiceDefinition }>,
): void {
  const [command, action] = process.argv.slice(2);
  if (command === undefined || command === 'serve')
    startTelemetry({ serviceName: `itsm-${practice}` });

  void (async () => {
    const { definition } = await loadDefinition();
    const { runService } = await import('./run-service.js');
    const { migrateCommand } = await import('./migrate-command.js');
    const { topicsCommand } = await import('./topics-command.js');
    if (command === 'migrate') {
      await migrateCommand(definition, action);
      process.exit(0);
    } else if (command === 'topics') {
      await topicsCommand(definition, action);
      process.exit(0);
    } else if (command === undefined || command === 'serve') {
      await runService(definition);
    } else {
      throw new Error(
        `unknown command "${command}": use "serve" (the default), "migrate [run|revert|show]" or "topics ensure"`,
      );
    }
  })().catch((error: unknown) => {
    process.stderr.write(
      `itsm-${practice} could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
