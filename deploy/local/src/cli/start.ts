/**
 * `npm start`: the infrastructure, then the five services (each runs its migrations and creates its
 * topics as it starts), one line per component as it becomes ready. A service that crashes later
 * is restarted with backoff, and left stopped, with a message, if it keeps crashing. Ctrl-C stops
 * everything this command started.
 */
import { LocalStack } from '../local-stack';
import { platformServices } from '../platform';
import { ServiceSupervisor } from '../supervision/service-supervisor';

const print = (line: string) => process.stdout.write(`${line}\n`);
// Piped through `tee` or a pager that Ctrl-C also ends, a write fails with EPIPE; shutting down matters more.
process.stdout.on('error', () => undefined);

async function main(): Promise<void> {
  const stack = new LocalStack();
  let supervisors: ServiceSupervisor[] = [];
  let stopping = false;

  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    print('stopping…');
    await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
    await stack.down(print, true);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const endpoints = await stack.up(print);
    const services = platformServices({
      endpoints,
      basePort: Number(process.env.ITSM_HTTP_PORT_BASE ?? 3000),
      env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    });
    supervisors = services.map((service) => new ServiceSupervisor(service, { print }));
    services.forEach((service) => service.start());
    await Promise.all(
      supervisors.map(async (supervisor) => {
        const { service } = supervisor;
        await service.waitUntilReady();
        print(
          `${service.name.padEnd(14)} ready at ${service.url}  (API docs: ${service.url}/api/v1/openapi.json)`,
        );
        // From now on a crash is restarted; one during start-up still stops `npm start`.
        supervisor.watch();
      }),
    );
    print(
      `\nThe platform is up; service logs are in ${services[0]?.options.logFile.replace(/[^/]+$/, '')}. Ctrl-C stops it.`,
    );
    print(
      `Every API call needs a token of ${endpoints.authIssuer}; for a seeded user: TOKEN=$(npm run -s token -- sam)`,
    );
  } catch (error) {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
  }
}

void main();
