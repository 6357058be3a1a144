/**
 * `npm run bench:change`: the change service's hot paths through the running service, each beside a
 * baseline in the same run:
 * - conflict check: p50/p99 of GET /api/v1/changes/{id}/conflicts for changes whose CIs sit in an
 *   estate of BENCH_CIS CIs (default 100,000; 1000000 for the full run), against BENCH_CHANGES
 *   scheduled changes (default 10,000), beside the naive SQL a service without footprints would run
 *   for the same answer: a recursive walk of the relationships both ways to the conflict depth,
 *   joined with the changes whose window overlaps;
 * - deployment gate: answers per second and p50/p99 of POST /api/v1/deployment-gate, from
 *   BENCH_GATE_CLIENTS concurrent clients (default 8) for BENCH_GATE_SECONDS (default 10).
 * The estate is generated in SQL in the change service's database (a relationships table the
 * service never reads: only the baseline walks it), in the layers of bench:cmdb (business service →
 * application → database → VM → server → network). Each checked change's footprint, the CMDB's
 * answer, is computed from it beforehand (the CMDB's work, not timed here; bench:cmdb times it).
 * Targets (issue 15): conflict check under 50 ms p99, gate under 10 ms p50.
 */
import { dropDatabase } from '@itsm/persistence';
import { tokenFor } from '@itsm/testing';
import { Client } from 'pg';
import { machine, percentile } from './stats';
import { benchService } from './bench-service';

const CIS = Number(process.env.BENCH_CIS ?? 100_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 10_000);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 200);
const GATE_CLIENTS = Number(process.env.BENCH_GATE_CLIENTS ?? 8);
const GATE_SECONDS = Number(process.env.BENCH_GATE_SECONDS ?? 10);
/** The service's default CHANGE_CONFLICT_DEPTH, and the CMDB's limit of related CIs per answer. */
const DEPTH = 3;
const RELATED_LIMIT = 2000;
const POD_SIZE = 1800;
const YEAR_HOURS = 365 * 24;

const layers = {
  service: Math.max(10, Math.round(CIS * 0.01)),
  app: Math.round(CIS * 0.1),
  db: Math.round(CIS * 0.09),
  vm: Math.round(CIS * 0.4),
  server: Math.round(CIS * 0.3),
  net: Math.round(CIS * 0.1),
};
const uid = (layer: string, i: string) => `md5('${layer}:' || ${i})::uuid`;

/** The relationships of bench:cmdb's estate, source depends on target, without the CIs' rows. */
async function generateEstate(db: Client): Promise<void> {
  await db.query(
    `CREATE UNLOGGED TABLE bench_relationships (source_id uuid NOT NULL, target_id uuid NOT NULL)`,
  );
  const pods = Math.ceil(layers.server / POD_SIZE);
  const edges: Array<[string, string, string, number]> = [
    ['service', 'app', `1 + (i * 7) % ${layers.app}`, layers.service],
    ['service', 'app', `1 + (i * 13 + 1) % ${layers.app}`, layers.service],
    ['app', 'db', `1 + (i * 7) % ${layers.db}`, layers.app],
    ['app', 'db', `1 + (i * 13 + 3) % ${layers.db}`, layers.app],
    ['app', 'app', `1 + (i * 31 + 5) % ${layers.app}`, layers.app],
    ['app', 'vm', `1 + (i * 3) % ${layers.vm}`, layers.app],
    ['db', 'vm', `1 + (i * 5 + 1) % ${layers.vm}`, layers.db],
    ['vm', 'server', `1 + (i * 11) % ${layers.server}`, layers.vm],
    ['vm', 'net', `${pods + 1} + (i * 19) % ${layers.net - pods}`, layers.vm],
    ['server', 'net', `1 + (i - 1) / ${POD_SIZE}`, layers.server],
    ...[3, 7, 11].map((k): [string, string, string, number] => [
      'server',
      'net',
      `${pods + 1} + (i * ${k} + ${k}) % ${layers.net - pods}`,
      layers.server,
    ]),
  ];
  for (const [from, to, target, count] of edges) {
    await db.query(
      `INSERT INTO bench_relationships
       SELECT ${uid(from, 'i')}, ${uid(to, `(${target})`)} FROM generate_series(1, ${count}) AS i`,
    );
  }
  await db.query(`CREATE INDEX ON bench_relationships (source_id)`);
  await db.query(`CREATE INDEX ON bench_relationships (target_id)`);
  await db.query('VACUUM ANALYZE bench_relationships');
}

/** A random CI of the layers changes touch: applications, databases, VMs, servers, network devices. */
const someCi = (layer: string, count: number) =>
  `md5('${layer}:' || (1 + floor(random() * ${count}))::int)::uuid`;
const RANDOM_CI = `(ARRAY[${someCi('app', layers.app)}, ${someCi('db', layers.db)}, ${someCi('vm', layers.vm)}, ${someCi('server', layers.server)}, ${someCi('net', layers.net)}])[1 + floor(random() * 5)::int]`;

/**
 * BENCH_CHANGES normal changes, approved and scheduled over the coming year (windows of one to four
 * hours, one to three CIs each), a tenth of them being implemented now (for the gate's yes); and
 * BENCH_CHECKS changes to check, in Authorize (so that they conflict with the planned ones only).
 */
async function generateChanges(db: Client): Promise<void> {
  await db.query(
    `INSERT INTO changes (type, state, short_description, justification, implementation_plan,
            backout_plan, test_plan, planned_start, planned_end, affected_ci_ids, approval,
            requested_by, opened_by)
     SELECT 'normal', CASE WHEN i % 10 = 0 THEN 'implement' ELSE 'scheduled' END, 'Bench change ' || i,
            'j', 'i', 'b', 't', s, s + (1 + floor(random() * 4)) * interval '1 hour',
            ARRAY(SELECT DISTINCT ${RANDOM_CI} FROM generate_series(1, 1 + (i % 3)) WHERE i > 0),
            'approved', 'bench', 'bench'
       FROM generate_series(1, $1) AS i,
            LATERAL (SELECT CASE WHEN i % 10 = 0 THEN now() - interval '30 minutes'
                                 ELSE now() + floor(random() * ${YEAR_HOURS}) * interval '1 hour' END AS s) AS w`,
    [CHANGES],
  );
  // Each checked change sits beside a scheduled one, in its window: on the same CI (every third),
  // on a CI depending on it, or on one it depends on (where the estate has such a relationship).
  await db.query(
    `INSERT INTO changes (type, state, short_description, justification, implementation_plan,
            backout_plan, test_plan, planned_start, planned_end, affected_ci_ids, approval,
            requested_by, opened_by)
     SELECT 'normal', 'authorize', 'Checked change ' || n, 'j', 'i', 'b', 't',
            planned_start, planned_end + interval '1 hour',
            ARRAY[CASE n % 3
              WHEN 0 THEN ci
              WHEN 1 THEN coalesce((SELECT source_id FROM bench_relationships WHERE target_id = ci LIMIT 1), ci)
              ELSE coalesce((SELECT target_id FROM bench_relationships WHERE source_id = ci LIMIT 1), ci) END],
            'requested', 'bench', 'bench'
       FROM (SELECT row_number() OVER () AS n, planned_start, planned_end, affected_ci_ids[1] AS ci
               FROM changes WHERE state = 'scheduled' ORDER BY random() LIMIT $1) AS beside`,
    [CHECKS],
  );
  await db.query('VACUUM ANALYZE changes');
}

/** Both ways from the CIs to the depth, every path: what the CMDB walks, and the baseline too. */
const WALK = `
  up (id, depth, path) AS (
    SELECT ci, 0, ARRAY[ci] FROM unnest($1::uuid[]) AS ci
    UNION ALL
    SELECT r.source_id, u.depth + 1, u.path || r.source_id
      FROM up u JOIN bench_relationships r ON r.target_id = u.id
     WHERE u.depth < ${DEPTH} AND NOT r.source_id = ANY (u.path)
  ),
  down (id, depth, path) AS (
    SELECT ci, 0, ARRAY[ci] FROM unnest($1::uuid[]) AS ci
    UNION ALL
    SELECT r.target_id, d.depth + 1, d.path || r.target_id
      FROM down d JOIN bench_relationships r ON r.source_id = d.id
     WHERE d.depth < ${DEPTH} AND NOT r.target_id = ANY (d.path)
  )`;

/** The CMDB's answer for each checked change, stored as the service stores it from the event. */
async function storeFootprints(db: Client): Promise<string[]> {
  const { rows } = await db.query(
    `SELECT id, affected_ci_ids FROM changes WHERE state = 'authorize' ORDER BY number`,
  );
  for (const change of rows as Array<{ id: string; affected_ci_ids: string[] }>) {
    const { rows: related } = await db.query(
      `WITH RECURSIVE ${WALK},
       nearest AS (
         SELECT DISTINCT ON (id, direction) id, direction, depth, path FROM (
           SELECT id, 'impact' AS direction, depth, path FROM up WHERE depth > 0
           UNION ALL SELECT id, 'dependencies', depth, path FROM down WHERE depth > 0) AS walked
          WHERE NOT id = ANY ($1::uuid[])
          ORDER BY id, direction, depth)
       SELECT id, direction, depth, path FROM nearest ORDER BY depth LIMIT ${RELATED_LIMIT + 1}`,
      [change.affected_ci_ids],
    );
    const services = (related as Array<{ id: string; direction: string }>)
      .filter((r) => r.direction === 'impact')
      .map((r) => r.id);
    await db.query(
      `INSERT INTO change_footprints (change_id, ci_ids, related, service_ids, depth, truncated, calculated_at)
       VALUES ($1, $2, $3, (SELECT coalesce(array_agg(s), '{}') FROM unnest($4::uuid[]) AS s
                              WHERE s IN (SELECT ${uid('service', 'g')} FROM generate_series(1, ${layers.service}) g)),
               5, $5, now())`,
      [
        change.id,
        change.affected_ci_ids,
        JSON.stringify(related.slice(0, RELATED_LIMIT)),
        services,
        related.length > RELATED_LIMIT,
      ],
    );
  }
  return (rows as Array<{ id: string }>).map((row) => row.id);
}

/** The same answer without footprints: walk the graph in SQL on every check, then overlap windows. */
const NAIVE_CHECK = `
  WITH RECURSIVE ${WALK},
  reached AS (SELECT id, path FROM up UNION ALL SELECT id, path FROM down)
  SELECT DISTINCT ON (c.id) c.id, c.number, r.path
    FROM changes c JOIN reached r ON r.id = ANY (c.affected_ci_ids)
   WHERE c.state IN ('scheduled', 'implement') AND c.id <> $2
     AND c.planned_start < $4 AND c.planned_end > $3
   ORDER BY c.id, array_length(r.path, 1)`;

const WARM_UP = 5;

async function timed(times: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < WARM_UP; i++) await work(i);
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work(i);
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b);
}

/** Closed-loop clients asking the gate about the CIs of changes being implemented, or scheduled. */
async function gateLoad(url: string, token: string, cis: string[][]) {
  const latencies: number[] = [];
  let answers = 0;
  let yes = 0;
  const until = performance.now() + GATE_SECONDS * 1000;
  const client = async (offset: number) => {
    for (let i = offset; performance.now() < until; i += GATE_CLIENTS) {
      const started = performance.now();
      const response = await fetch(`${url}/api/v1/deployment-gate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cis: cis[i % cis.length] }),
      });
      // A yes is 200, a no 409 with its reasons: both are answers.
      if (response.status !== 200 && response.status !== 409) {
        throw new Error(`gate answered ${response.status}: ${await response.text()}`);
      }
      const answer = (await response.json()) as { allowed: boolean };
      latencies.push(performance.now() - started);
      answers++;
      if (answer.allowed) yes++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: GATE_CLIENTS }, (_, i) => client(i)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(answers / seconds), answers, yes, latencies };
}

async function main(): Promise<void> {
  const { infrastructure, database, service } = await benchService('change', 'change', {
    env: { CHANGE_CONFLICT_DEPTH: String(DEPTH) },
  });
  const db = new Client({ connectionString: database });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    service.start();
    await service.waitUntilReady(120_000);
    await db.connect();
    let started = performance.now();
    await generateEstate(db);
    await generateChanges(db);
    const checked = await storeFootprints(db);
    log(
      `generated the estate, changes and footprints in SQL in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const { rows: counts } = await db.query(
      `SELECT (SELECT count(*) FROM bench_relationships) AS edges,
              (SELECT count(*) FROM changes WHERE state IN ('scheduled', 'implement')) AS planned,
              (SELECT round(avg(jsonb_array_length(related))) FROM change_footprints) AS footprint`,
    );

    const chloe = await tokenFor('chloe');
    let conflictsFound = 0;
    const viaApi = await timed(CHECKS, async (i) => {
      const id = checked[i % checked.length]!;
      const response = await fetch(`${service.url}/api/v1/changes/${id}/conflicts`, {
        headers: { authorization: `Bearer ${chloe}` },
      });
      if (!response.ok) throw new Error(`conflicts answered ${response.status}`);
      conflictsFound += ((await response.json()) as { conflicts: unknown[] }).conflicts.length;
    });
    // The floor of any request in the same run: token, routing, one row, JSON.
    const plainRead = await timed(CHECKS, async (i) => {
      const response = await fetch(`${service.url}/api/v1/changes/${checked[i % checked.length]}`, {
        headers: { authorization: `Bearer ${chloe}` },
      });
      if (!response.ok) throw new Error(`get answered ${response.status}`);
      await response.arrayBuffer();
    });
    const subjects = (
      await db.query(
        `SELECT id, affected_ci_ids, planned_start, planned_end FROM changes WHERE state = 'authorize' ORDER BY number`,
      )
    ).rows as Array<{
      id: string;
      affected_ci_ids: string[];
      planned_start: Date;
      planned_end: Date;
    }>;
    const viaSql = await timed(CHECKS, (i) => {
      const s = subjects[i % subjects.length]!;
      return db.query(NAIVE_CHECK, [s.affected_ci_ids, s.id, s.planned_start, s.planned_end]);
    });

    const gateCis = (
      await db.query(
        `(SELECT affected_ci_ids FROM changes WHERE state = 'implement' LIMIT 500)
         UNION ALL (SELECT affected_ci_ids FROM changes WHERE state = 'scheduled' LIMIT 500)`,
      )
    ).rows.map((row: { affected_ci_ids: string[] }) => row.affected_ci_ids);
    started = performance.now();
    const gate = await gateLoad(service.url, chloe, gateCis);

    const ms = (values: number[]) =>
      `${percentile(values, 50).toFixed(1)} / ${percentile(values, 99).toFixed(1)} ms`;
    log(
      `\nMachine: ${machine()}; ${CIS} CIs, ${counts[0].edges} relationships, ${counts[0].planned} planned changes, footprints of ${counts[0].footprint} related CIs on average (depth ${DEPTH})\n`,
    );
    log('| Path | figure |\n|---|---|');
    log(
      `| conflict check, GET /changes/{id}/conflicts (${CHECKS} checks, ${conflictsFound} conflicts found): p50 / p99 | ${ms(viaApi)} |`,
    );
    log(`| same, naive recursive SQL walk + window overlap (baseline) p50 / p99 | ${ms(viaSql)} |`);
    log(
      `| GET /changes/{id} in the same run (the floor of a request: token, one row, JSON) p50 / p99 | ${ms(plainRead)} |`,
    );
    log(
      `| deployment gate, POST /deployment-gate (${GATE_CLIENTS} clients, ${gate.answers} answers, ${gate.yes} yes) | ${gate.perSecond} answers/s, p50 / p99 ${ms(gate.latencies)} |`,
    );
    log(
      `\nRatio conflict check API / naive SQL at p50: ${(percentile(viaApi, 50) / percentile(viaSql, 50)).toFixed(2)}×, at p99: ${(percentile(viaApi, 99) / percentile(viaSql, 99)).toFixed(2)}×`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
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
