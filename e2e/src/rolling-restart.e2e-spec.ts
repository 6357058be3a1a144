import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ciCreated,
  ciDeleted,
  ciRetired,
  ciStatusChanged,
  ciUpdated,
  deadLetterTopic,
  impactCalculated,
  incidentCreated,
  incidentUpdated,
  slaBreached,
  slaWarning,
} from '@itsm/contracts';
import type { ServiceProcess } from '@itsm/local-stack';
import { KafkaAdmin, KafkaConsumer } from '@itsm/messaging';
import { Client as PgClient } from 'pg';
import { createTestKafka, E2eRun, integrationTokenFor, tokenFor, waitUntil } from '@itsm/testing';

jest.setTimeout(240_000);

const REPLICAS = 3;
/** Readiness fails this long before HTTP closes (the endpoint's removal has time to spread). */
const SHUTDOWN_DELAY_MS = 1500;
/** A SIGKILLed member holds its partitions until its session expires: 10 s instead of 30 s. */
const SESSION_TIMEOUT_MS = 10_000;
/** An SLA short enough that every incident of the load warns twice and breaches during the test. */
const SLA_SECONDS = 6;
const FLAPPING_CIS = 12;
const STEADY_CIS = 4;
const CMDB_ACTOR = 'system:cmdb';

/** One replica of a service: its process and where its log stood when it was last started. */
class Replica {
  private logOffset = 0;

  constructor(readonly process: ServiceProcess) {}

  get name(): string {
    return this.process.options.logFile.replace(/^.*\/|\.log$/g, '');
  }

  start(): void {
    const file = this.process.options.logFile;
    this.logOffset = existsSync(file) ? statSync(file).size : 0;
    this.process.start();
  }

  /** Whether this process (since its last start) holds its service's outbox relay lock. */
  isRelayLeader(): boolean {
    const file = this.process.options.logFile;
    if (!existsSync(file)) return false;
    const relayLines = readFileSync(file)
      .subarray(this.logOffset)
      .toString('utf8')
      .split('\n')
      .filter((line) => line.includes('is the leader') || line.includes('no longer the leader'));
    return relayLines.at(-1)?.includes('is the leader') ?? false;
  }

  /** Redeliveries this process skipped because its inbox already held them (its /metrics). */
  async skippedRedeliveries(): Promise<number> {
    const text = await fetch(`${this.process.url}/metrics`, { signal: AbortSignal.timeout(3000) })
      .then((response) => response.text())
      .catch(() => '');
    return text
      .split('\n')
      .filter((line) => line.startsWith('itsm_consumer_events_total{'))
      .filter((line) => line.includes('outcome="duplicate"'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }
}

/**
 * The replicas that clients send requests to, in turn: a Kubernetes Service's endpoints. A replica
 * leaves before its SIGTERM (its readiness fails first) and comes back once ready again.
 */
class Rotation {
  private readonly members: Replica[] = [];
  private turn = 0;

  add(replica: Replica): void {
    if (!this.members.includes(replica)) this.members.push(replica);
  }

  remove(replica: Replica): void {
    const index = this.members.indexOf(replica);
    if (index >= 0) this.members.splice(index, 1);
  }

  next(): Replica | undefined {
    if (this.members.length === 0) return undefined;
    return this.members[this.turn++ % this.members.length];
  }
}

interface NetworkFailure {
  replica: Replica;
  at: number;
  error: string;
}

/**
 * A client of one service through its rotation. A request that reached no process (refused, or
 * reset by a killed one) is sent again to the next replica: the load's requests are idempotent
 * (an Idempotency-Key, a version), so a retry after an unknown outcome changes nothing twice.
 */
class ServiceClient {
  readonly statuses = new Map<number, number>();
  readonly failures: NetworkFailure[] = [];

  constructor(private readonly rotation: Rotation) {}

  async send(
    method: string,
    path: string,
    token: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: AnyBody }> {
    for (;;) {
      const replica = this.rotation.next();
      if (!replica) {
        await sleep(50);
        continue;
      }
      try {
        const response = await fetch(`${replica.process.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            ...headers,
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const text = cause?.code ?? cause?.message ?? (error as Error).message;
        this.failures.push({ replica, at: Date.now(), error: text });
        await sleep(50);
      }
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBody = any;

interface Ci {
  id: string;
  version: number;
  status: string;
  /** Status changes the configuration API confirmed. */
  transitions: number;
}

/**
 * The load: incidents raised through the incident API on steady CIs (each with its own
 * Idempotency-Key, sent again until answered), and the monitoring integration flipping the status
 * of the flapping CIs between `down` and `operational` through the configuration API.
 */
class Load {
  readonly created: Array<{ id: string; key: string; at: number }> = [];
  readonly statusChanges: number[] = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly clients: { incident: ServiceClient; configuration: ServiceClient },
    private readonly tokens: { sam: string; monitoring: string },
    cis: { steady: Ci[]; flapping: Ci[] },
  ) {
    this.workers = [
      ...[0, 1].map((worker) => this.raise(cis.steady, worker)),
      ...[0, 1, 2].map((worker) => this.flap(cis.flapping.filter((_, i) => i % 3 === worker))),
    ];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async raise(steady: Ci[], worker: number): Promise<void> {
    for (let n = 0; this.running; n++) {
      const key = randomUUID();
      const request = {
        shortDescription: 'Rollout load',
        assignmentGroup: 'service-desk',
        configurationItemId: steady[(worker + n) % steady.length]!.id,
      };
      // Until answered: a request abandoned when the load stops is counted from the tables only.
      while (this.running) {
        const answer = await this.clients.incident.send(
          'POST',
          '/api/v1/incidents',
          this.tokens.sam,
          request,
          { 'idempotency-key': key },
        );
        if (answer.status === 201 || answer.status === 200) {
          this.created.push({ id: answer.body.id, key, at: Date.now() });
          break;
        }
        await sleep(100);
      }
      await sleep(100);
    }
  }

  private async flap(cis: Ci[]): Promise<void> {
    for (let n = 0; this.running; n++) {
      const ci = cis[n % cis.length]!;
      const target = ci.status === 'down' ? 'operational' : 'down';
      const path = `/api/v1/cis/${ci.id}`;
      const { configuration } = this.clients;
      const answer = await configuration.send('PATCH', path, this.tokens.monitoring, {
        operationalStatus: target,
        version: ci.version,
      });
      let applied = answer.status === 200;
      if (applied) Object.assign(ci, { version: answer.body.version, status: target });
      else if (answer.status === 409) {
        // Sent again after its first answer was lost, and applied the first time? Read the CI.
        const current = (await configuration.send('GET', path, this.tokens.monitoring)).body;
        applied = current.operationalStatus === target && ci.status !== target;
        Object.assign(ci, { version: current.version, status: current.operationalStatus });
      }
      if (applied) {
        ci.transitions++;
        this.statusChanges.push(Date.now());
      }
      await sleep(150);
    }
  }
}

interface Received {
  topic: string;
  partition: number;
  offset: bigint;
  id: string;
  type: string;
  key: string | null;
  at: number;
}

/** Everything on the services' topics and their dead-letter topics, as the test's consumer read it. */
class TopicRecorder {
  readonly received: Received[] = [];
  private readonly consumer: KafkaConsumer;

  constructor(groupId: string, topics: string[]) {
    this.consumer = new KafkaConsumer(createTestKafka(groupId), {
      groupId,
      topics,
      fromBeginning: true,
    });
  }

  start(): Promise<void> {
    return this.consumer.start(async (message) => {
      this.received.push({
        topic: message.topic,
        partition: message.partition,
        offset: BigInt(message.offset),
        id: message.headers.ce_id ?? '',
        type: message.headers.ce_type ?? '',
        key: message.key,
        at: Date.now(),
      });
    });
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  ids(): Set<string> {
    return new Set(this.received.map((m) => m.id));
  }

  /** Messages whose event id had been read before: the same event published twice. */
  republished(): Received[] {
    const seen = new Set<string>();
    return this.received.filter((m) => seen.has(m.id) || !seen.add(m.id));
  }

  /**
   * The end of each partition of a topic, once every event has been read and nothing more is
   * produced: the producers are idempotent and not transactional, so no control record follows.
   */
  endOffsets(topic: string): Map<number, bigint> {
    const ends = new Map<number, bigint>();
    for (const m of this.received.filter((r) => r.topic === topic)) {
      const end = ends.get(m.partition) ?? 0n;
      if (m.offset + 1n > end) ends.set(m.partition, m.offset + 1n);
    }
    return ends;
  }

  /** The longest time from an event of type `cause` to the first `effect` with the same key. */
  longestDelay(cause: string, effect: string): number {
    const caused = new Map<string | null, number>();
    for (const m of this.received.filter((r) => r.type === cause)) {
      if (!caused.has(m.key)) caused.set(m.key, m.at);
    }
    const delays = this.received
      .filter((m) => m.type === effect && caused.has(m.key))
      .map((m) => m.at - caused.get(m.key)!);
    return Math.max(0, ...delays);
  }

  /** The longest time in [from, to] during which the consumer read nothing. */
  longestSilence(from: number, to: number): number {
    const times = [from, ...this.received.map((m) => m.at).filter((t) => t > from && t < to), to];
    return Math.max(...times.slice(1).map((t, i) => t - times[i]!));
  }
}

interface OutboxRow {
  id: string;
  event_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  published_at: Date | null;
}

async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

type ServiceName = 'incident' | 'configuration';

/** What the two services' databases hold: the truth the counts are made from. */
interface Tables {
  incidentOutbox: OutboxRow[];
  configurationOutbox: OutboxRow[];
  /** The event ids each service's subscription has applied. */
  incidentInbox: Set<string>;
  configurationInbox: Set<string>;
  incidents: Array<{ id: string; channel: string; ci: string }>;
  /** Idempotency-Key → incident. */
  keys: Array<{ key: string; incident_id: string }>;
  /** Work notes the CMDB's status changes wrote, per incident. */
  cmdbNotes: Map<string, number>;
}

async function readTables(databases: Record<ServiceName, string>): Promise<Tables> {
  const outbox = 'SELECT id, event_type, aggregate_id, payload, published_at FROM outbox';
  const inbox = async (url: string, consumer: string) =>
    new Set(
      (
        await query<{ event_id: string }>(url, 'SELECT event_id FROM inbox WHERE consumer = $1', [
          consumer,
        ])
      ).map((row) => row.event_id),
    );
  const [incidentOutbox, configurationOutbox, incidentInbox, configurationInbox] =
    await Promise.all([
      query<OutboxRow>(databases.incident, outbox),
      query<OutboxRow>(databases.configuration, outbox),
      inbox(databases.incident, 'itsm-incident.cmdb'),
      inbox(databases.configuration, 'itsm-configuration.record-impact'),
    ]);
  const notes = await query<{ incident_id: string; n: string }>(
    databases.incident,
    'SELECT incident_id, count(*) AS n FROM incident_notes WHERE author = $1 GROUP BY incident_id',
    [CMDB_ACTOR],
  );
  return {
    incidentOutbox,
    configurationOutbox,
    incidentInbox,
    configurationInbox,
    incidents: await query(
      databases.incident,
      'SELECT id, channel, configuration_item_id AS ci FROM incidents',
    ),
    keys: await query(databases.incident, 'SELECT key, incident_id FROM idempotency_keys'),
    cmdbNotes: new Map(notes.map((row) => [row.incident_id, Number(row.n)])),
  };
}

const HANDLED_BY_INCIDENT = new Set(
  [ciCreated, ciUpdated, ciRetired, ciDeleted, ciStatusChanged, impactCalculated].map(
    (d) => d.type,
  ),
);
const HANDLED_BY_CONFIGURATION = new Set([incidentCreated.type, incidentUpdated.type]);
const ALERT_TYPES = new Set([slaWarning.type, slaBreached.type]);

const alertsOf = (tables: Tables, slaId: string) =>
  tables.incidentOutbox.filter(
    (row) => ALERT_TYPES.has(row.event_type) && row.payload.definitionId === slaId,
  );

/**
 * What is not drained yet: events not published, not read by the test's consumer, not in the
 * inbox of the service that handles them, and SLA alerts not sent (three per incident). All 0
 * once the load has stopped and the pipeline caught up; some stay above 0 if anything was lost.
 */
function pending(tables: Tables, recorder: TopicRecorder, slaId: string): Record<string, number> {
  const { incidentOutbox, configurationOutbox, incidentInbox, configurationInbox } = tables;
  const all = [...incidentOutbox, ...configurationOutbox];
  const read = recorder.ids();
  return {
    unpublished: all.filter((row) => !row.published_at).length,
    unread: all.filter((row) => !read.has(row.id)).length,
    notInIncidentInbox: configurationOutbox.filter(
      (row) => HANDLED_BY_INCIDENT.has(row.event_type) && !incidentInbox.has(row.id),
    ).length,
    notInConfigurationInbox: incidentOutbox.filter(
      (row) => HANDLED_BY_CONFIGURATION.has(row.event_type) && !configurationInbox.has(row.id),
    ).length,
    alertsDue: 3 * tables.incidents.length - alertsOf(tables, slaId).length,
  };
}

/** Entries whose count is not exactly one, as `key ×count` (`×0`: lost, `×2`: applied twice). */
function notExactlyOnce(counts: Map<string, number>, expected: Iterable<string>): string[] {
  const offenders = [...counts].filter(([, n]) => n !== 1).map(([k, n]) => `${k} ×${n}`);
  for (const key of expected) if (!counts.has(key)) offenders.push(`${key} ×0`);
  return offenders;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Everything counted after the rollout; each list names what is missing or there twice. */
interface Ledger {
  /** Each incident has one `created` event… */
  createdPerIncident: string[];
  /** …that the CMDB consumed once: it answered with one impact. */
  impactPerIncident: string[];
  /** Each load request (its Idempotency-Key) raised one incident, and each 201's incident exists. */
  incidentsPerKey: string[];
  answeredNotStored: string[];
  /** Each CI that went down has one monitoring incident… */
  monitoringPerCi: string[];
  /** …and its later status changes are one work note each on it. */
  wrongNotes: Array<{ ci: string; notes: number; expected: number }>;
  /** Each status change the API confirmed is one `status_changed` event. */
  statusWritesNotConfirmed: string[];
  /** One SLA alert per clock and threshold. */
  alertsPerThreshold: string[];
  deadLetters: string[];
}

function countLedger(
  tables: Tables,
  load: Load,
  flapping: Ci[],
  slaId: string,
  recorder: TopicRecorder,
): Ledger {
  const incidentIds = tables.incidents.map((row) => row.id);
  const stored = new Set(incidentIds);
  const eventsOf = (rows: OutboxRow[], type: string) => rows.filter((r) => r.event_type === type);
  const impacts = eventsOf(tables.configurationOutbox, impactCalculated.type).filter(
    (row) => row.payload.recordType === 'incident',
  );
  const changesPerCi = countBy(
    eventsOf(tables.configurationOutbox, ciStatusChanged.type),
    (row) => row.aggregate_id,
  );
  const monitoring = tables.incidents.filter((row) => row.channel === 'monitoring');
  const alertKey = ({ payload: p }: OutboxRow) =>
    `${p.recordId}|${p.slaId}|${p.target}|${p.percentElapsed ?? 'breached'}`;
  return {
    createdPerIncident: notExactlyOnce(
      countBy(eventsOf(tables.incidentOutbox, incidentCreated.type), (row) => row.aggregate_id),
      incidentIds,
    ),
    impactPerIncident: notExactlyOnce(
      countBy(impacts, (row) => row.aggregate_id),
      incidentIds,
    ),
    incidentsPerKey: notExactlyOnce(
      countBy(tables.keys, (row) => row.incident_id),
      load.created.map((c) => c.id),
    ),
    answeredNotStored: load.created.filter((c) => !stored.has(c.id)).map((c) => c.id),
    monitoringPerCi: notExactlyOnce(
      countBy(monitoring, (row) => row.ci),
      changesPerCi.keys(),
    ),
    wrongNotes: monitoring
      .map((row) => ({
        ci: row.ci,
        notes: tables.cmdbNotes.get(row.id) ?? 0,
        expected: (changesPerCi.get(row.ci) ?? 0) - 1,
      }))
      .filter((row) => row.notes !== row.expected),
    statusWritesNotConfirmed: flapping
      .filter((ci) => (changesPerCi.get(ci.id) ?? 0) !== ci.transitions)
      .map((ci) => ci.id),
    alertsPerThreshold: notExactlyOnce(countBy(alertsOf(tables, slaId), alertKey), []),
    deadLetters: recorder.received
      .filter((m) => m.topic.endsWith('.dlq'))
      .map((m) => `${m.type} ${m.id}`),
  };
}

function duplicatesApplied(ledger: Ledger): number {
  const { createdPerIncident, impactPerIncident, monitoringPerCi, alertsPerThreshold } = ledger;
  return (
    [
      createdPerIncident,
      impactPerIncident,
      monitoringPerCi,
      alertsPerThreshold,
      ledger.incidentsPerKey,
    ]
      .flat()
      .filter((entry) => !entry.endsWith('×0')).length +
    ledger.wrongNotes.filter((w) => w.notes > w.expected).length
  );
}

function lost(ledger: Ledger): number {
  const { createdPerIncident, impactPerIncident, monitoringPerCi, incidentsPerKey } = ledger;
  return (
    [createdPerIncident, impactPerIncident, monitoringPerCi, incidentsPerKey]
      .flat()
      .filter((entry) => entry.endsWith('×0')).length +
    ledger.wrongNotes.filter((w) => w.notes < w.expected).length +
    ledger.answeredNotStored.length +
    ledger.statusWritesNotConfirmed.length +
    ledger.deadLetters.length
  );
}

/** Messages behind the end of the topic that a service's consumer group has committed. */
async function groupLag(
  admin: KafkaAdmin,
  group: string,
  topic: string,
  recorder: TopicRecorder,
): Promise<bigint> {
  const committed = await admin.committedOffsets(group, topic);
  let lag = 0n;
  for (const [partition, end] of recorder.endOffsets(topic)) {
    const at = committed.get(partition) ?? -1n;
    lag += end - (at < 0n ? 0n : at);
  }
  return lag;
}

/** Whether /health/ready answers 503 after SIGTERM, before the process exits. */
async function readinessFailsBefore(replica: Replica, exited: Promise<unknown>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    const answer = await replica.process.readiness().catch(() => undefined);
    if (answer?.status === 503) return true;
    await sleep(20);
  }
  return false;
}

/**
 * A Deployment's rollout, as Kubernetes does it: one replica at a time leaves the rotation, gets
 * SIGTERM and is started again, ready before the next; then the crash of the replica that leads
 * the outbox relay (SIGKILL, no warning). Notes each step, exit and crash window.
 */
class Rollout {
  readonly exits: string[] = [];
  readonly kills: Array<{ replica: Replica; from: number; to: number }> = [];
  readonly steps: string[] = [];
  /** Replicas whose readiness did not fail between SIGTERM and their exit. */
  readonly neverUnready: string[] = [];
  /** Redeliveries skipped by inboxes, as replicas counted them before they stopped. */
  skipped = 0;

  async run(replicas: Replica[], rotation: Rotation): Promise<void> {
    for (const replica of replicas) {
      const startedAt = Date.now();
      rotation.remove(replica);
      this.skipped += await replica.skippedRedeliveries();
      const exited = replica.process.whenExited();
      const stopped = replica.process.stop(30_000);
      if (!(await readinessFailsBefore(replica, exited))) this.neverUnready.push(replica.name);
      await stopped;
      const exit = await exited;
      this.exits.push(`${replica.name}: ${exit.code ?? exit.signal}`);
      await this.restart(replica, rotation);
      this.steps.push(`${replica.name} SIGTERM→ready ${Date.now() - startedAt} ms`);
    }
    const leader = replicas.find((r) => r.isRelayLeader());
    const victim = leader ?? replicas[0]!;
    const killedAt = Date.now();
    const exited = victim.process.whenExited();
    victim.process.kill();
    rotation.remove(victim); // as its failing readiness probe would
    await exited;
    await this.restart(victim, rotation);
    this.kills.push({ replica: victim, from: killedAt, to: Date.now() });
    const role = leader ? 'the relay leader' : 'no relay leader found';
    this.steps.push(`${victim.name} (${role}) SIGKILL→ready ${Date.now() - killedAt} ms`);
  }

  /** Requests that reached no process outside a crash window (a SIGTERM must never do that). */
  unexpected(failures: NetworkFailure[]): string[] {
    return failures
      .filter(
        (f) => !this.kills.some((k) => k.replica === f.replica && f.at >= k.from && f.at <= k.to),
      )
      .map((f) => `${f.replica.name} ${f.error}`);
  }

  private async restart(replica: Replica, rotation: Rotation): Promise<void> {
    replica.start();
    await replica.process.waitUntilReady(120_000);
    rotation.add(replica);
  }
}

/**
 * Issue 18, item 4: what a Kubernetes rollout does to the incident and configuration services,
 * three replicas each on one database per service and one broker, under a load of CI status
 * changes and incident creations. Both Deployments roll at once, one replica at a time (SIGTERM,
 * started again, ready before the next); then each service's relay leader is SIGKILLed and
 * started again. Afterwards nothing is lost, nothing applied twice, no consumer left behind.
 */
describe('a rolling restart of three replicas each of incident and configuration, under load', () => {
  const e2e = new E2eRun('rolling');
  const { id: run, prefix } = e2e;
  const databases: Record<ServiceName, string> = {
    incident: e2e.databaseUrl('incident'),
    configuration: e2e.databaseUrl('configuration'),
  };
  const replicas: Record<ServiceName, Replica[]> = { incident: [], configuration: [] };
  const rotations = { incident: new Rotation(), configuration: new Rotation() };
  const clients = {
    incident: new ServiceClient(rotations.incident),
    configuration: new ServiceClient(rotations.configuration),
  };
  const topics = {
    incident: prefix + incidentCreated.topic,
    configuration: prefix + ciStatusChanged.topic,
  };
  let recorder: TopicRecorder;
  let load: Load | undefined;

  beforeAll(async () => {
    for (const name of ['incident', 'configuration'] as const) {
      for (let i = 1; i <= REPLICAS; i++) {
        const process = await e2e.service(name, {
          database: databases[name],
          logName: `${name}-${i}`,
          env: {
            SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
            CONSUMER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
          },
        });
        replicas[name].push(new Replica(process));
      }
    }
    // The first replica migrates its database; the others start on the migrated schema.
    const firsts = [replicas.incident[0]!, replicas.configuration[0]!];
    const others = [...replicas.incident.slice(1), ...replicas.configuration.slice(1)];
    for (const group of [firsts, others]) {
      group.forEach((replica) => replica.start());
      await Promise.all(group.map((replica) => replica.process.waitUntilReady(120_000)));
    }
    replicas.incident.forEach((replica) => rotations.incident.add(replica));
    replicas.configuration.forEach((replica) => rotations.configuration.add(replica));
    recorder = new TopicRecorder(`e2e-rolling-${run}`, [
      ...Object.values(topics),
      ...Object.values(topics).map(deadLetterTopic),
    ]);
    await recorder.start();
  });

  afterAll(async () => {
    await load?.stop();
    await recorder?.stop();
    await Promise.all(
      Object.values(replicas)
        .flat()
        .map((replica) => replica.process.stop()),
    );
    await e2e.cleanUp();
  });

  /** A short SLA on every priority, so that every incident of the load warns and breaches. */
  const shortSla = async (ivy: string): Promise<string> => {
    const schedules = await clients.incident.send('GET', '/api/v1/sla-schedules', ivy);
    const allDay = schedules.body.items.find((s: { name: string }) => s.name === '24x7');
    const sla = await clients.incident.send('POST', '/api/v1/sla-definitions', ivy, {
      name: `Rollout probe ${SLA_SECONDS}s`,
      target: 'resolution',
      priorities: [1, 2, 3, 4, 5],
      durationSeconds: SLA_SECONDS,
      scheduleId: allDay.id,
    });
    expect(sla.status).toBe(201);
    return sla.body.id;
  };

  /** CIs created up front, known to the incident service's projection before the load starts. */
  const cisOfTheLoad = async (conor: string): Promise<{ steady: Ci[]; flapping: Ci[] }> => {
    const newCi = async (name: string): Promise<Ci> => {
      const answer = await clients.configuration.send('POST', '/api/v1/cis', conor, {
        className: 'application',
        name: `${name}-${run}`,
        ownerGroup: 'service-desk',
      });
      expect(answer.status).toBe(201);
      const { id, version } = answer.body;
      return { id, version, status: 'operational', transitions: 0 };
    };
    const many = (count: number, name: string) =>
      Promise.all(Array.from({ length: count }, (_, i) => newCi(`${name}-${i}`)));
    const cis = {
      flapping: await many(FLAPPING_CIS, 'flapping'),
      steady: await many(STEADY_CIS, 'steady'),
    };
    await waitUntil(
      'the incident service knowing every CI',
      async () => {
        const [row] = await query<{ n: string }>(
          databases.incident,
          'SELECT count(*) AS n FROM ci_projection',
        );
        return Number(row!.n) === FLAPPING_CIS + STEADY_CIS;
      },
      60_000,
    );
    return cis;
  };

  /** Waits until nothing is pending; answers the tables as they are then. */
  const drained = async (slaId: string): Promise<Tables> => {
    let tables = await readTables(databases);
    await waitUntil(
      'everything drained',
      async () => {
        tables = await readTables(databases);
        return Object.values(pending(tables, recorder, slaId)).every((n) => n <= 0);
      },
      90_000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(pending(tables, recorder, slaId))}`);
    });
    return tables;
  };

  /** Each service's consumer group's lag, once it reached 0 (or after 30 s). */
  const consumerLag = async (): Promise<Record<ServiceName, bigint>> => {
    const admin = new KafkaAdmin(createTestKafka(`e2e-rolling-lag-${run}`));
    const lag = { incident: -1n, configuration: -1n };
    try {
      await waitUntil(
        'the consumer groups at the end of their topics',
        async () => {
          lag.incident = await groupLag(
            admin,
            `${prefix}itsm-incident.cmdb`,
            topics.configuration,
            recorder,
          );
          lag.configuration = await groupLag(
            admin,
            `${prefix}itsm-configuration.record-impact`,
            topics.incident,
            recorder,
          );
          return lag.incident === 0n && lag.configuration === 0n;
        },
        30_000,
        500,
      ).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
    return lag;
  };

  it('loses nothing, applies nothing twice and leaves no consumer behind', async () => {
    const [sam, ivy, conor, monitoring] = await Promise.all([
      tokenFor('sam'),
      tokenFor('ivy'),
      tokenFor('conor'),
      integrationTokenFor('itsm-monitoring'),
    ]);
    const slaId = await shortSla(ivy);
    const cis = await cisOfTheLoad(conor);
    load = new Load(clients, { sam, monitoring }, cis);
    await sleep(3000);

    const rollout = new Rollout();
    const rolloutStartedAt = Date.now();
    await Promise.all([
      rollout.run(replicas.incident, rotations.incident),
      rollout.run(replicas.configuration, rotations.configuration),
    ]);
    const rolloutEndedAt = Date.now();
    await sleep(2000);
    await load.stop();

    const tables = await drained(slaId);
    for (const replica of Object.values(replicas).flat()) {
      rollout.skipped += await replica.skippedRedeliveries();
    }
    const ledger = countLedger(tables, load, cis.flapping, slaId, recorder);
    const lag = await consumerLag();
    const failures = [clients.incident, clients.configuration].flatMap((c) => c.failures);
    const serverErrors = [clients.incident, clients.configuration].flatMap((c) =>
      [...c.statuses].filter(([status]) => status >= 500),
    );

    const during = (t: number) => t >= rolloutStartedAt && t <= rolloutEndedAt;
    const monitoringIncidents = tables.incidents.filter((r) => r.channel === 'monitoring').length;
    const republished = recorder.republished();
    // A relay that dies between its send and its mark sends that batch again: only after a SIGKILL.
    const republishedOutsideKills = republished.filter(
      (m) => !rollout.kills.some((k) => m.at >= k.from && m.at <= k.to + 10_000),
    );
    process.stdout.write(
      [
        `rolling restart: ${REPLICAS} replicas each of incident and configuration, ${2 * REPLICAS} SIGTERM restarts and 2 SIGKILLs (relay leaders) in ${rolloutEndedAt - rolloutStartedAt} ms under load`,
        `${load.created.filter((c) => during(c.at)).length} incidents raised and ${load.statusChanges.filter(during).length} CI status changes during the rollout (${load.created.length} and ${load.statusChanges.length} in all); ${recorder.received.filter((m) => during(m.at)).length} events during the rollout (${recorder.received.length} in all)`,
        `duplicates found: ${republished.length} events published twice (${republishedOutsideKills.length} of them outside a SIGKILL's aftermath), ${rollout.skipped} redeliveries skipped by the inboxes; duplicates applied: ${duplicatesApplied(ledger)}; lost: ${lost(ledger)}; dead letters: ${ledger.deadLetters.length}; consumer lag at the end: ${lag.incident + lag.configuration}; unpublished outbox rows: 0`,
        `longest pause in consumption (the test's consumer read nothing): ${recorder.longestSilence(rolloutStartedAt, rolloutEndedAt)} ms; longest incident.created → impact.calculated: ${recorder.longestDelay(incidentCreated.type, impactCalculated.type)} ms; requests that reached no process (a killed one) and were sent again: ${failures.length}`,
        `counted: ${tables.incidents.length} incidents (${monitoringIncidents} opened by monitoring for ${cis.flapping.length} flapping CIs), ${alertsOf(tables, slaId).length} SLA alerts, ${[...tables.cmdbNotes.values()].reduce((a, b) => a + b, 0)} CMDB work notes`,
        `steps: ${rollout.steps.join('; ')}; exits after SIGTERM: ${rollout.exits.join(', ')}`,
      ]
        .map((line) => `${line}\n`)
        .join(''),
    );

    expect(ledger).toEqual({
      createdPerIncident: [],
      impactPerIncident: [],
      incidentsPerKey: [],
      answeredNotStored: [],
      monitoringPerCi: [],
      wrongNotes: [],
      statusWritesNotConfirmed: [],
      alertsPerThreshold: [],
      deadLetters: [],
    });
    expect(duplicatesApplied(ledger)).toBe(0);
    expect(lost(ledger)).toBe(0);
    expect(lag).toEqual({ incident: 0n, configuration: 0n });
    const names = Object.values(replicas)
      .flat()
      .map((replica) => `${replica.name}: 0`);
    expect(rollout.exits.sort()).toEqual(names.sort());
    expect(rollout.neverUnready).toEqual([]);
    expect(rollout.unexpected(failures)).toEqual([]);
    expect(serverErrors).toEqual([]);
    expect(monitoringIncidents).toBeGreaterThan(0);
    expect(load.created.filter((c) => during(c.at)).length).toBeGreaterThan(0);
  });
});
