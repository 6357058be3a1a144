/**
 * `npm run bench:catalog`: request submission, the catalog's hottest path. A cart of one item
 * with 20 variables (text with a pattern, numbers, choices, dates, booleans, references), its
 * answers validated against the item's JSON Schema form, through POST /api/v1/requests of the
 * running catalog service under a concurrent load (BENCH_CONCURRENCY workers, BENCH_REQUESTS each):
 * - an item needing no approval: request, item, stage-1 tasks, audit lines, outbox events;
 * - the same form needing the manager's approval: the people directory read, the approval opened;
 * beside a minimal Fastify process doing one INSERT into the same requests table (the raw baseline).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { dropDatabase } from '@itsm/persistence';
import { freePort, tokenFor } from '@itsm/testing';
import { postLoad, type LoadResult } from './http-load';
import { machine } from './stats';
import { benchService } from './bench-service';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

const TYPES = ['text', 'number', 'choice', 'date', 'boolean'] as const;
/** 20 variables, four of each type, all required. */
const VARIABLES = Array.from({ length: 20 }, (_, i) => {
  const type = TYPES[i % TYPES.length]!;
  const name = `${type}${i}`;
  return {
    name,
    label: `Question ${i + 1}`,
    type,
    required: true,
    ...(type === 'text' && { pattern: '^[a-z0-9 -]+$', max: 200 }),
    ...(type === 'number' && { min: 1, max: 64 }),
    ...(type === 'choice' && { choices: ['small', 'medium', 'large'] }),
  };
});
const answers = (i: number) =>
  Object.fromEntries(
    VARIABLES.map((v) => {
      const value = {
        text: `answer ${i}`,
        number: 1 + (i % 64),
        choice: ['small', 'medium', 'large'][i % 3],
        date: '2027-01-15',
        boolean: i % 2 === 0,
      }[v.type];
      return [v.name, value];
    }),
  );

async function startRawServer(database: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, 'raw-request-server.js')], {
    env: { ...process.env, DATABASE_URL: database, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`raw server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/requests`, stop: () => child.kill() };
}

async function call(url: string, token: string, method: string, body: unknown) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; version: number };
}

/** A published item with the 20-variable form, the given approval and a two-task first stage. */
async function publishedItem(api: string, token: string, name: string, approval: object) {
  const created = await call(`${api}/api/v1/catalog-items`, token, 'POST', {
    name,
    shortDescription: name,
    variables: VARIABLES,
    plan: [
      { stage: 1, shortDescription: 'Prepare', assignmentGroup: 'service-desk' },
      { stage: 1, shortDescription: 'Configure', assignmentGroup: 'network' },
      { stage: 2, shortDescription: 'Hand over', assignmentGroup: 'service-desk' },
    ],
    approval,
  });
  return call(`${api}/api/v1/catalog-items/${created.id}/publish`, token, 'POST', {
    version: created.version,
  });
}

async function main(): Promise<void> {
  const { infrastructure, database, service } = await benchService('catalog', 'catalog');
  let raw: { url: string; stop: () => void } | undefined;
  try {
    service.start();
    await service.waitUntilReady(120_000);
    const kate = await tokenFor('kate');
    const direct = await publishedItem(service.url, kate, 'Workstation', { kind: 'none' });
    const approved = await publishedItem(service.url, kate, 'Approved workstation', {
      kind: 'manager',
    });
    await call(`${service.url}/api/v1/people/alice`, kate, 'PUT', {
      managerId: 'bob',
      groups: [],
    });
    const alice = { authorization: `Bearer ${await tokenFor('alice')}` };
    const submissions = (catalogItemId: string) =>
      postLoad({
        url: `${service.url}/api/v1/requests`,
        headers: alice,
        body: (i) => ({ items: [{ catalogItemId, variables: answers(i) }] }),
        requests: REQUESTS,
        concurrency: CONCURRENCY,
      });
    const withTasks = await submissions(direct.id);
    const withApproval = await submissions(approved.id);
    raw = await startRawServer(database);
    const baseline = await postLoad({
      url: raw.url,
      body: () => ({}),
      requests: REQUESTS,
      concurrency: CONCURRENCY,
    });

    const log = (line: string) => process.stdout.write(`${line}\n`);
    const row = (path: string, r: LoadResult) =>
      log(
        `| ${path} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms |`,
      );
    log(
      `\nMachine: ${machine()}; ${REQUESTS} submissions each, ${CONCURRENCY} concurrent clients\n`,
    );
    log('| Path | submissions/s | p50 | p99 |\n|---|---|---|---|');
    row('POST /api/v1/requests, 20 variables, no approval (2 tasks opened)', withTasks);
    row("POST /api/v1/requests, 20 variables, the manager's approval opened", withApproval);
    row('raw Fastify handler, one INSERT (baseline)', baseline);
    const ratio = (r: LoadResult) => (r.perSecond / baseline.perSecond).toFixed(2);
    log(`\nRatio API / raw: ${ratio(withTasks)}× (tasks), ${ratio(withApproval)}× (approval)`);
  } finally {
    raw?.stop();
    await service.stop();
    await dropDatabase(database);
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
