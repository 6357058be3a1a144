/**
 * `npm run bench:cmdb`: the CMDB's hot paths through the running configuration service, each beside
 * raw SQL doing the same work in the same run:
 * - import: records/s of POST /api/v1/imports (identification, reconciliation, validation, history,
 *   events) beside one raw INSERT of the same rows per batch, with the table's random ids and with
 *   time-ordered ones as the import writes;
 * - impact: p50/p99 of GET /api/v1/cis/{id}/impact (depth ≤ 6) for a hub CI (~10,000 dependants at the
 *   default pod size) and a leaf CI, beside the recursive SQL query a naive implementation runs. The
 *   time runs until the client has the answer's last byte (what a load tester counts); the client's
 *   JSON.parse of the hub's answer is reported on its own line.
 * The estate is generated in SQL: BENCH_CIS (default 100,000; 1000000 for the full run) CIs and about
 * three relationships per CI, in layers business service → application → database → VM → server →
 * network; servers form pods of BENCH_POD_SIZE (default 1800) behind one switch, the hub.
 * BENCH_KEEP_DATABASE=1 leaves the generated database for exploring; BENCH_REUSE_DATABASE=<its name>
 * runs the import and the impact queries on it again without generating it (BENCH_SKIP_IMPORT=1: the
 * impact queries only). BENCH_SERVICE_NODE_OPTIONS is the service's NODE_OPTIONS (e.g. a `--require`
 * of a profiler).
 */
import { ServiceProcess } from '@itsm/local-stack';
import { dropDatabase } from '@itsm/persistence';
import { integrationTokenFor, tokenFor } from '@itsm/testing';
import { Client } from 'pg';
import { mib, residentMemoryOfListener, withPeakMemory } from './service-memory';
import { machine, percentile } from './stats';
import { benchService } from './bench-service';

const CIS = Number(process.env.BENCH_CIS ?? 100_000);
const POD_SIZE = Number(process.env.BENCH_POD_SIZE ?? 1800);
const IMPORT_BATCHES = Number(process.env.BENCH_IMPORT_BATCHES ?? 4);
const IMPORT_BATCH_SIZE = 10_000;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 100);
/**
 * A database an earlier run kept (BENCH_KEEP_DATABASE=1), with the same BENCH_CIS: its estate is not
 * rebuilt. The import still runs (new CIs each time) unless BENCH_SKIP_IMPORT=1.
 */
const REUSED = process.env.BENCH_REUSE_DATABASE;
const SKIP_IMPORT = process.env.BENCH_SKIP_IMPORT === '1';

const layers = {
  service: Math.max(10, Math.round(CIS * 0.01)),
  app: Math.round(CIS * 0.1),
  db: Math.round(CIS * 0.09),
  vm: Math.round(CIS * 0.4),
  server: Math.round(CIS * 0.3),
  net: Math.round(CIS * 0.1),
};

const uid = (layer: string, i: string) => `md5('${layer}:' || ${i})::uuid`;

async function generateEstate(db: Client): Promise<void> {
  const classId = async (name: string) =>
    (
      (await db.query('SELECT id FROM ci_classes WHERE name = $1', [name])).rows[0] as {
        id: string;
      }
    ).id;
  const server = await classId('server');
  const classes: Record<keyof typeof layers, [string, string, string]> = {
    service: [await classId('business_service'), await classId('business_service'), '{}'],
    app: [await classId('application'), await classId('application'), '{"version":"1.0"}'],
    db: [await classId('database'), await classId('database'), '{"engine":"postgresql"}'],
    vm: [await classId('virtual_machine'), await classId('virtual_machine'), '{"cpuCount":4}'],
    server: [await classId('linux_server'), server, '{"cpuCount":32,"os":"linux"}'],
    net: [
      await classId('network_device'),
      await classId('network_device'),
      '{"deviceType":"switch"}',
    ],
  };
  for (const [layer, count] of Object.entries(layers) as Array<[keyof typeof layers, number]>) {
    const [ciClass, scope, attributes] = classes[layer];
    await db.query(
      `INSERT INTO configuration_items (id, class_id, identity_class_id, name, operational_status,
              criticality, host_name, attributes, created_by)
       SELECT ${uid(layer, 'i')}, $1, $2, '${layer}-' || i, 'operational', 1 + i % 4, '${layer}-' || i, $3, 'bench'
         FROM generate_series(1, $4) AS i`,
      [ciClass, scope, attributes, count],
    );
  }
  const pods = Math.ceil(layers.server / POD_SIZE);
  const edges: Array<[string, string, string, string, number]> = [
    // [type, source layer, target layer, target index from source index i, count]
    ['depends_on', 'service', 'app', `1 + (i * 7) % ${layers.app}`, layers.service],
    ['depends_on', 'service', 'app', `1 + (i * 13 + 1) % ${layers.app}`, layers.service],
    ['depends_on', 'app', 'db', `1 + (i * 7) % ${layers.db}`, layers.app],
    ['depends_on', 'app', 'db', `1 + (i * 13 + 3) % ${layers.db}`, layers.app],
    ['depends_on', 'app', 'app', `1 + (i * 31 + 5) % ${layers.app}`, layers.app],
    ['runs_on', 'app', 'vm', `1 + (i * 3) % ${layers.vm}`, layers.app],
    ['runs_on', 'db', 'vm', `1 + (i * 5 + 1) % ${layers.vm}`, layers.db],
    ['hosted_on', 'vm', 'server', `1 + (i * 11) % ${layers.server}`, layers.vm],
    ['connects_to', 'vm', 'net', `${pods + 1} + (i * 19) % ${layers.net - pods}`, layers.vm],
    ['connects_to', 'server', 'net', `1 + (i - 1) / ${POD_SIZE}`, layers.server],
    ...[3, 7, 11].map((k): [string, string, string, string, number] => [
      'connects_to',
      'server',
      'net',
      `${pods + 1} + (i * ${k} + ${k}) % ${layers.net - pods}`,
      layers.server,
    ]),
  ];
  for (const [type, from, to, target, count] of edges) {
    await db.query(
      `INSERT INTO relationships (type, source_id, target_id, created_by)
       SELECT '${type}', ${uid(from, 'i')}, ${uid(to, `(${target})`)}, 'bench'
         FROM generate_series(1, ${count}) AS i
       ON CONFLICT DO NOTHING`,
    );
  }
  // What autovacuum would have done by the time anybody queries: visibility maps for index-only scans.
  await db.query('VACUUM ANALYZE relationships');
  await db.query('VACUUM ANALYZE configuration_items');
}

/** The recursive query a naive implementation runs: every path, deduplicated at the end. */
const NAIVE_IMPACT = `
  WITH RECURSIVE impact (id, depth, path) AS (
    SELECT $1::uuid, 0, ARRAY[$1::uuid]
    UNION ALL
    SELECT r.source_id, i.depth + 1, i.path || r.source_id
      FROM impact i JOIN relationships r ON r.target_id = i.id
     WHERE i.depth < 6 AND NOT r.source_id = ANY (i.path)
  )
  SELECT DISTINCT ON (id) id, depth, path FROM impact WHERE depth > 0 ORDER BY id, depth`;

/** Steady state: the first answers also pay for compiling the code they run, and are not timed. */
const WARM_UP = 5;

async function timed(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < WARM_UP; i++) await work();
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b);
}

/** Imports through the API, then the same rows in one raw INSERT per batch: the table's lines. */
async function measureImport(
  db: Client,
  service: ServiceProcess,
  run: string,
): Promise<{ lines: string[]; ratio: string; peakMiB: number | undefined }> {
  const discovery = await integrationTokenFor('itsm-discovery');
  const batch = (b: number) => ({
    dataSource: 'discovery',
    records: Array.from({ length: IMPORT_BATCH_SIZE }, (_, i) => ({
      className: 'linux_server',
      // The run in every identifier: on a reused estate, the import creates CIs as on a fresh one.
      name: `imported-${run}-${b}-${i}`,
      identifiers: { serialNumber: `SN-${run}-${b}-${i}`, hostName: `imported-${run}-${b}-${i}` },
      attributes: { cpuCount: 8, os: 'linux' },
      relationships: [
        {
          type: 'connects_to',
          target: { className: 'network_device', identifiers: { hostName: `net-${layers.net}` } },
        },
      ],
    })),
  });
  const serverClass = (await db.query(`SELECT id FROM ci_classes WHERE name = 'server'`)).rows[0]
    .id as string;
  const viaApi = async (b: number) => {
    const response = await fetch(`${service.url}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${discovery}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch(b)),
    });
    if (!response.ok) throw new Error(`import failed: ${response.status} ${await response.text()}`);
  };
  // The table's own ids (random), or time-ordered ones as the import writes (the first 48 bits the
  // time in milliseconds): new rows then go to the last pages of the indexes.
  const TIME_ORDERED_ID = `(lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
                            || '7' || substr(md5(v.name || random()::text), 1, 19))::uuid`;
  const raw = (b: number, id = 'gen_random_uuid()') =>
    db.query(
      `INSERT INTO configuration_items (id, class_id, identity_class_id, name, operational_status,
                criticality, serial_number, host_name, attributes, created_by)
         SELECT ${id}, $2, $2, v.name, 'operational', 3, v.serial, v.host, v.attributes, 'raw'
           FROM jsonb_to_recordset($1::jsonb) AS v (name text, serial text, host text, attributes jsonb)`,
      [
        JSON.stringify(
          batch(b).records.map((r) => ({
            name: r.name,
            serial: r.identifiers.serialNumber,
            host: r.identifiers.hostName,
            attributes: r.attributes,
          })),
        ),
        serverClass,
      ],
    );
  // The API's batches, then the same rows raw. Not in turns: the raw rows would add to the changes
  // the service's graph catches up with, and more than it takes in one look make it load afresh.
  const seconds = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return (performance.now() - started) / 1000;
  };
  const api: number[] = [];
  const { peakMiB } = await withPeakMemory(service.options.port, async () => {
    for (let b = 0; b < IMPORT_BATCHES; b++) api.push(await seconds(() => viaApi(b)));
  });
  const random: number[] = [];
  const ordered: number[] = [];
  for (let b = 0; b < IMPORT_BATCHES; b++) {
    random.push(await seconds(() => raw(b + 1000)));
    ordered.push(await seconds(() => raw(b + 2000, TIME_ORDERED_ID)));
  }
  const imported = IMPORT_BATCHES * IMPORT_BATCH_SIZE;
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const median = (values: number[]) =>
    percentile(
      [...values].sort((x, y) => x - y),
      50,
    );
  // The whole run, and its median batch: a stall of the shared machine (another process's
  // checkpoint) weighs on the first and not on the second.
  const rates = (values: number[]) =>
    `${Math.round(imported / sum(values))} records/s (median batch ${Math.round(
      IMPORT_BATCH_SIZE / median(values),
    )})`;
  const ratio = (baseline: number[]) =>
    `${(sum(baseline) / sum(api)).toFixed(2)}× (median batches ${(
      median(baseline) / median(api)
    ).toFixed(2)}×)`;

  return {
    lines: [
      `| import through the API (${imported} records, batches of ${IMPORT_BATCH_SIZE}) | ${rates(api)} |`,
      `| raw INSERT of the same rows (baseline) | ${rates(random)} |`,
      `| same, with time-ordered ids as the import writes them (baseline) | ${rates(ordered)} |`,
    ],
    ratio: `\nRatio import API / raw INSERT: ${ratio(random)} the raw rate; ${ratio(ordered)} the rate with time-ordered ids`,
    peakMiB,
  };
}

async function main(): Promise<void> {
  const { infrastructure, run, database, service } = await benchService(
    'cmdb',
    'configuration',
    REUSED ? { databaseName: REUSED } : {},
  );
  const db = new Client({ connectionString: database });
  try {
    service.start();
    await service.waitUntilReady(120_000);
    await db.connect();
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const idleMemory = residentMemoryOfListener(service.options.port);
    if (!REUSED) {
      const started = performance.now();
      await generateEstate(db);
      log(`generated the estate in SQL in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const { rows: counts } = await db.query(
      'SELECT (SELECT count(*) FROM configuration_items) AS cis, (SELECT count(*) FROM relationships) AS edges',
    );

    // Impact queries: the service's answer over HTTP, and the naive recursive SQL.
    const hub = (await db.query(`SELECT md5('net:1')::uuid AS id`)).rows[0].id as string;
    const leaf = (await db.query(`SELECT md5('app:42')::uuid AS id`)).rows[0].id as string;
    const token = await tokenFor('alice');
    const answers: Record<string, Buffer> = {};
    const api =
      (id: string, query = '') =>
      async () => {
        const response = await fetch(`${service.url}/api/v1/cis/${id}/impact?maxDepth=6${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!response.ok) throw new Error(`impact answered ${response.status}`);
        answers[id + query] = Buffer.from(await response.arrayBuffer());
      };
    // The estate was written behind the service's back (or it has just started): the first answer
    // waits for its graph to load, as a service running in production already has it. Not timed.
    await api(hub)();
    const estateMemory = residentMemoryOfListener(service.options.port);
    const imported = SKIP_IMPORT ? undefined : await measureImport(db, service, run);
    const countIn = (answer: Buffer) =>
      (JSON.parse(answer.toString('utf8')) as { count: number }).count;
    const naive = (id: string) => () => db.query(NAIVE_IMPACT, [id]);
    const rows = [
      ['hub', hub, api(hub), naive(hub)],
      ['leaf', leaf, api(leaf), naive(leaf)],
    ] as const;

    log(`\nMachine: ${machine()}; ${counts[0].cis} CIs, ${counts[0].edges} relationships\n`);
    log('| Path | figure |\n|---|---|');
    for (const line of imported?.lines ?? []) log(line);
    for (const [name, id, viaApi, viaSql] of rows) {
      const service = await timed(QUERIES, viaApi);
      if (name === 'hub') {
        const withPaths = await timed(QUERIES, api(hub, '&paths=all'));
        log(
          `| impact of the hub with every CI's whole path (\`paths=all\`): API p50 / p99 | ${percentile(withPaths, 50).toFixed(1)} / ${percentile(withPaths, 99).toFixed(1)} ms |`,
        );
      }
      const sql = await timed(name === 'hub' ? Math.min(QUERIES, 5) : QUERIES, viaSql);
      log(
        `| impact of the ${name} (${countIn(answers[id]!)} dependants, depth ≤ 6): API p50 / p99 | ${percentile(service, 50).toFixed(1)} / ${percentile(service, 99).toFixed(1)} ms |`,
      );
      if (name === 'hub') {
        const parse = await timed(QUERIES, async () => countIn(answers[id]!));
        log(
          `| the client's decoding and JSON.parse of the hub's answer (${Math.round(answers[id]!.length / 1024)} KiB) p50 / p99 | ${percentile(parse, 50).toFixed(1)} / ${percentile(parse, 99).toFixed(1)} ms |`,
        );
      }
      log(
        `| same, naive recursive SQL (baseline) p50 / p99 | ${percentile(sql, 50).toFixed(1)} / ${percentile(sql, 99).toFixed(1)} ms |`,
      );
    }
    if (imported) log(imported.ratio);
    log(
      `Service resident memory (VmRSS): ${mib(idleMemory)} idle after start-up; ${mib(estateMemory)} idle with the graph of ${counts[0].cis} CIs loaded; ${imported ? `${mib(imported.peakMiB)} peak under the import; ` : ''}${mib(residentMemoryOfListener(service.options.port))} at the end, after the impact queries`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
    if (process.env.BENCH_KEEP_DATABASE !== '1' && !REUSED) await dropDatabase(database);
    else process.stdout.write(`kept ${database}\n`);
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
