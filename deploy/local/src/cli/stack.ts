/**
 * `npm run stack:up` / `stack:down`: PostgreSQL, Kafka and the identity provider alone, left running
 * between commands.
 */
import { LocalStack } from '../local-stack';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(command: string | undefined): Promise<void> {
  const stack = new LocalStack();
  if (command === 'up') {
    const endpoints = await stack.up(print);
    print(`DATABASE_URL=${endpoints.postgresUrl}`);
    print(`KAFKA_BROKERS=${endpoints.kafkaBrokers.join(',')}`);
    print(`AUTH_ISSUER=${endpoints.authIssuer}`);
    print(`AUTH_AUDIENCE=${endpoints.authAudience}`);
  } else if (command === 'down') {
    await stack.down(print);
  } else {
    throw new Error('usage: stack (up|down)');
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
