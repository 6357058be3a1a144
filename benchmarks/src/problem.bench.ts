/**
 * `npm run bench:problem`: the problem service's two hot paths through the running service, each
 * beside a raw baseline in the same run:
 * - known-error search: p50/p99 of GET /api/v1/known-errors?q= (full text: the weighted search
 *   vector's GIN index, `ts_rank_cd`, highlighted snippets of the page, over HTTP with a token)
 *   for BENCH_QUERIES queries after 10 untimed, beside the plain `ILIKE '%term%'` scan a naive KEDB
 *   runs on the same table (newest first, the same page size);
 * - detection: incident events applied per second (projection, clusters, problems opened and
 *   incidents linked, inbox) for BENCH_EVENTS events published on the incident topic, until the
 *   service's inbox holds them all, beside plain kafkajs consuming the same events with one INSERT
 *   each.
 * The problems are generated (known-error-corpus.ts): BENCH_PROBLEMS (default 100,000) with text
 * from word lists of components, symptoms, error messages, causes and workarounds, a share
 * BENCH_KNOWN_ERROR_SHARE (default 0.3) of them known errors, inserted in bulk into the service's
 * table once its migrations have run. Topics carry a per-run prefix and are deleted after; the
 * database is dropped after, unless BENCH_KEEP_DATABASE=1 (for exploring, e.g. EXPLAIN).
 */
import { createHash } from 'node:crypto';
import { incidentCreated } from '@itsm/contracts';
import { KafkaAdmin } from '@itsm/messaging';
import { dropDatabase } from '@itsm/persistence';
import { createTestKafka, tokenFor } from '@itsm/testing';
import { Client } from 'pg';
import { incidentEvents, publish, rawConsumer } from './incident-event-load';
import { ilikePatterns, knownErrorQueries, problemGenerator } from './known-error-corpus';
import { machine, percentile } from './stats';
import { benchService } from './bench-service';

const PROBLEMS = Number(process.env.BENCH_PROBLEMS ?? 100_000);
const KNOWN_ERROR_SHARE = Number(process.env.BENCH_KNOWN_ERROR_SHARE ?? 0.3);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
/** The CIs the incidents are opened on: about BENCH_EVENTS / BENCH_INCIDENT_CIS incidents each. */
const INCIDENT_CIS = Number(process.env.BENCH_INCIDENT_CIS ?? 2000);
const SERVICES = 200;
const WARM_UP = 10;
const PAGE = 50;
const INSERT_BATCH = 2000;

/** A stable id per pool and index (a random-looking version-4 UUID), as the CMDB bench's md5()::uuid. */
const uuidOf = (pool: string, index: number) => {
  const hex = createHash('md5').update(`${pool}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};

async function generateProblems(db: Client): Promise<void> {
  const next = problemGenerator({
    seed: 42,
    knownErrorShare: KNOWN_ERROR_SHARE,
    cis: 5000,
    services: SERVICES,
    uuidOf,
  });
  for (let done = 0; done < PROBLEMS; done += INSERT_BATCH) {
    const rows = Array.from({ length: Math.min(INSERT_BATCH, PROBLEMS - done) }, next);
    await db.query(
      `INSERT INTO problems (short_description, description, category, state, configuration_item_id,
              service_id, assignment_group, cause, cause_category, analysis_method, analysis_notes,
              workaround, known_error, known_error_at, known_error_by, resolution_code,
              resolution_notes, opened_by, opened_at, created_at, updated_at)
       SELECT r.short_description, r.description, r.category, r.state, r.configuration_item_id,
              r.service_id, r.assignment_group, r.cause, r.cause_category, r.analysis_method,
              r.analysis_notes, r.workaround, r.known_error, r.known_error_at, r.known_error_by,
              r.resolution_code, r.resolution_notes, 'bench', r.opened_at, r.opened_at, r.opened_at
         FROM jsonb_to_recordset($1::jsonb) AS r (short_description text, description text,
              category text, state text, configuration_item_id uuid, service_id uuid,
              assignment_group text, cause text, cause_category text, analysis_method text,
              analysis_notes text, workaround text, known_error boolean, known_error_at timestamptz,
              known_error_by text, resolution_code text, resolution_notes text, opened_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
  // What autovacuum would have done by the time anybody searches.
  await db.query('VACUUM ANALYZE problems');
}

/** The naive KEDB: every word (or quoted phrase) somewhere in the text, newest first. */
const ILIKE_SCAN = `
  SELECT id, number, short_description, cause, workaround, known_error_at
    FROM problems
   WHERE known_error
     AND concat_ws(' ', number, short_description, description, cause, workaround, analysis_notes)
         ILIKE ALL ($1::text[])
   ORDER BY known_error_at DESC, id DESC LIMIT ${PAGE}`;

async function timed(queries: string[], run: (q: string) => Promise<unknown>): Promise<number[]> {
  for (const q of queries.slice(0, WARM_UP)) await run(q);
  const durations: number[] = [];
  for (const q of queries.slice(WARM_UP)) {
    const started = performance.now();
    await run(q);
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b);
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const ms = (sorted: number[]) =>
  `${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 99).toFixed(1)} ms`;

async function measureSearch(db: Client, serviceUrl: string): Promise<string[]> {
  const token = await tokenFor('sam');
  const queries = knownErrorQueries(QUERIES + WARM_UP, 1);
  const api = await timed(queries, async (q) => {
    const response = await fetch(
      `${serviceUrl}/api/v1/known-errors?limit=${PAGE}&q=${encodeURIComponent(q)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!response.ok) throw new Error(`search "${q}": ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  });
  const ilike = await timed(queries, (q) => db.query(ILIKE_SCAN, [ilikePatterns(q)]));
  const matches = async (sql: string, parameter: (q: string) => unknown) => {
    const counts: number[] = [];
    for (const q of queries.slice(WARM_UP)) {
      counts.push(Number((await db.query(sql, [parameter(q)])).rows[0].count));
    }
    return median(counts);
  };
  const fullText = await matches(
    `SELECT count(*) FROM problems
      WHERE known_error AND search_vector @@ websearch_to_tsquery('english', $1)`,
    (q) => q,
  );
  const scanned = await matches(
    `SELECT count(*) FROM problems WHERE known_error
        AND concat_ws(' ', number, short_description, description, cause, workaround, analysis_notes)
            ILIKE ALL ($1::text[])`,
    ilikePatterns,
  );
  return [
    `| known-error search through the API (ranked, highlighted, first ${PAGE}; median ${fullText} matches): p50 / p99 | ${ms(api)} |`,
    `| plain ILIKE '%term%' scan, newest first ${PAGE} (baseline; median ${scanned} matches): p50 / p99 | ${ms(ilike)} |`,
    `\nRatio search p50 API / ILIKE: ${(percentile(api, 50) / percentile(ilike, 50)).toFixed(2)}×`,
  ];
}

async function waitForCount(db: Client, sql: string, count: number): Promise<number> {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const now = Number((await db.query(sql)).rows[0].count);
    if (now >= count || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measureDetection(
  db: Client,
  database: string,
  brokers: string[],
  prefix: string,
): Promise<{ lines: string[]; topics: string[] }> {
  const kafka = createTestKafka(`bench-problem-${prefix}`);
  const rawTopic = `${prefix}bench.raw-incidents`;
  const admin = new KafkaAdmin(kafka);
  await admin.ensureTopics([{ topic: rawTopic, partitions: 3, replicationFactor: 1 }]);
  await admin.disconnect();
  const events = () =>
    incidentEvents({ count: EVENTS, cis: INCIDENT_CIS, services: SERVICES, uuidOf });
  const deadlocks = async () =>
    Number(
      (await db.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()'))
        .rows[0].deadlocks,
    );
  const deadlocksBefore = await deadlocks();
  const problemsBefore = Number(
    (await db.query('SELECT count(*) FROM problems WHERE detection_key IS NOT NULL')).rows[0].count,
  );

  let started = performance.now();
  const publishSeconds = await publish(kafka, prefix + incidentCreated.topic, events());
  const applied = await waitForCount(db, 'SELECT count(*) FROM inbox', EVENTS);
  const serviceSeconds = (performance.now() - started) / 1000;
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM problems WHERE detection_key IS NOT NULL) AS detected,
            (SELECT count(*) FROM incident_projection WHERE problem_id IS NOT NULL) AS linked`,
  );
  const deadlocked = (await deadlocks()) - deadlocksBefore;

  const raw = await rawConsumer({ brokers, topic: rawTopic, database, count: EVENTS });
  started = performance.now();
  await publish(kafka, rawTopic, events());
  await raw.done;
  const rawSeconds = (performance.now() - started) / 1000;
  await raw.stop();

  const servicePerSecond = applied / serviceSeconds;
  const rawPerSecond = EVENTS / rawSeconds;
  return {
    topics: [rawTopic],
    lines: [
      `| detection: incident events applied by the service (${applied} of ${EVENTS}; ${Number(rows[0].detected) - problemsBefore} problems opened, ${rows[0].linked} incidents linked; ${deadlocked} deadlocks) | ${Math.round(servicePerSecond)} events/s |`,
      `| plain kafkajs consumer, one INSERT per event (baseline) | ${Math.round(rawPerSecond)} events/s |`,
      `\nRatio detection / raw consumer: ${(servicePerSecond / rawPerSecond).toFixed(2)}× the raw rate (publishing alone took ${publishSeconds.toFixed(1)} s)`,
    ],
  };
}

async function main(): Promise<void> {
  const { infrastructure, run, prefix, database, service } = await benchService(
    'problem',
    'problem',
  );
  const db = new Client({ connectionString: database });
  const topics: string[] = [];
  try {
    service.start();
    await service.waitUntilReady(120_000);
    await db.connect();
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const started = performance.now();
    await generateProblems(db);
    log(`generated ${PROBLEMS} problems in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE known_error) AS known_errors,
              pg_size_pretty(pg_total_relation_size('problems')) AS size FROM problems`,
    );
    const searchLines = await measureSearch(db, service.url);
    const detection = await measureDetection(db, database, infrastructure.kafkaBrokers, prefix);
    topics.push(...detection.topics);

    log(
      `\nMachine: ${machine()}; ${PROBLEMS} problems (${rows[0].known_errors} known errors, ${rows[0].size}), ${QUERIES} queries, ${EVENTS} incident events on ${INCIDENT_CIS} CIs\n`,
    );
    log('| Path | figure |\n|---|---|');
    for (const line of [...searchLines.slice(0, 2), ...detection.lines.slice(0, 2)]) log(line);
    for (const line of [...searchLines.slice(2), ...detection.lines.slice(2)]) log(line);
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
    const admin = new KafkaAdmin(createTestKafka(`bench-problem-cleanup-${run}`));
    const ours = (await admin.topicNames()).filter((topic) => topic.startsWith(prefix));
    await admin.deleteTopics([...new Set([...ours, ...topics])]).catch(() => undefined);
    await admin.disconnect();
    if (process.env.BENCH_KEEP_DATABASE !== '1') await dropDatabase(database);
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
