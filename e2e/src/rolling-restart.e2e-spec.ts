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
const SHUTDOWN_DELAY_MS = 1000;
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
 * Idempotency-Key, retried until answered), and the monitoring integration flipping the status
 * of the flapping CIs between `down` and `operational` through the configuration API.
 */
class Load {
  readonly created: Array<{ id: string; key: string; at: number }> = [];
  readonly statusChanges: number[] = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(
    incidents: ServiceClient,
    configuration: ServiceClient,
    tokens: { sam: string; monitoring: string },
    steady: Ci[],
    flapping: Ci[],
  ) {
    const raise = async (worker: number) => {
      for (let n = 0; this.running; n++) {
        const key = randomUUID();
        const ci = steady[(worker + n) % steady.length]!;
        const request = {
          shortDescription: 'Rollout load',
          assignmentGroup: 'service-desk',
          configurationItemId: ci.id,
        };
        for (;;) {
          const answer = await incidents.send('POST', '/api/v1/incidents', tokens.sam, request, {
            'idempotency-key': key,
          });
          if (answer.status === 201 || answer.status === 200) {
            this.created.push({ id: answer.body.id, key, at: Date.now() });
            break;
          }
          await sleep(100);
        }
        await sleep(100);
      }
    };
    const flap = async (cis: Ci[]) => {
      for (let n = 0; this.running; n++) {
        const ci = cis[n % cis.length]!;
        const target = ci.status === 'down' ? 'operational' : 'down';
        const path = `/api/v1/cis/${ci.id}`;
        const answer = await configuration.send('PATCH', path, tokens.monitoring, {
          operationalStatus: target,
          version: ci.version,
        });
        if (answer.status === 200) {
          Object.assign(ci, { version: answer.body.version, status: target });
          ci.transitions++;
          this.statusChanges.push(Date.now());
        } else if (answer.status === 409) {
          // A retry of a change that was applied before its answer was lost: read where it stands.
          const current = await configuration.send('GET', path, tokens.monitoring);
          const applied = current.body.operationalStatus === target && ci.status !== target;
          Object.assign(ci, {
            version: current.body.version,
            status: current.body.operationalStatus,
          });
          if (applied) {
            ci.transitions++;
            this.statusChanges.push(Date.now());
          }
        }
        await sleep(150);
      }
    };
    this.workers = [
      ...[0, 1].map(raise),
      ...[0, 1, 2].map((w) => flap(flapping.filter((_, i) => i % 3 === w))),
    ];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
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

const outboxOf = (url: string) =>
  query<OutboxRow>(url, 'SELECT id, event_type, aggregate_id, payload, published_at FROM outbox');
const inboxOf = async (url: string, consumer: string) =>
  new Set(
    (
      await query<{ event_id: string }>(url, 'SELECT event_id FROM inbox WHERE consumer = $1', [
        consumer,
      ])
    ).map((row) => row.event_id),
  );

/** Entries whose count is not exactly one, as `key ×count`. */
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

/**
 * Issue 18, item 4: what a Kubernetes rollout does to the incident and configuration services,
 * three replicas each on one database and one broker, under a load of CI status changes and
 * incident creations. Each replica leaves the rotation, gets SIGTERM and is started again (ready
 * before the next); then one replica of each service, the relay leader, is SIGKILLed and started
 * again. Afterwards nothing is lost, nothing applied twice, and no consumer is left behind.
 */
describe('a rolling restart of three replicas each of incident and configuration, under load', () => {
  const e2e = new E2eRun('rolling');
  const { id: run, prefix } = e2e;
  const databases = {
    incident: e2e.databaseUrl('incident'),
    configuration: e2e.databaseUrl('configuration'),
  };
  const replicas: Record<'incident' | 'configuration', Replica[]> = {
    incident: [],
    configuration: [],
  };
  const rotations = { incident: new Rotation(), configuration: new Rotation() };
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
    firsts.forEach((replica) => replica.start());
    await Promise.all(firsts.map((replica) => replica.process.waitUntilReady(120_000)));
    const others = [...replicas.incident.slice(1), ...replicas.configuration.slice(1)];
    others.forEach((replica) => replica.start());
    await Promise.all(others.map((replica) => replica.process.waitUntilReady(120_000)));
    for (const name of ['incident', 'configuration'] as const) {
      replicas[name].forEach((replica) => rotations[name].add(replica));
    }
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

  it('loses nothing, applies nothing twice and leaves no consumer behind', async () => {
    const incidents = new ServiceClient(rotations.incident);
    const configuration = new ServiceClient(rotations.configuration);
    const [sam, ivy, conor, monitoring] = await Promise.all([
      tokenFor('sam'),
      tokenFor('ivy'),
      tokenFor('conor'),
      integrationTokenFor('itsm-monitoring'),
    ]);

    const schedules = await incidents.send('GET', '/api/v1/sla-schedules', ivy);
    const allDay = schedules.body.items.find((s: { name: string }) => s.name === '24x7');
    const sla = await incidents.send('POST', '/api/v1/sla-definitions', ivy, {
      name: `Rollout probe ${SLA_SECONDS}s`,
      target: 'resolution',
      priorities: [1, 2, 3, 4, 5],
      durationSeconds: SLA_SECONDS,
      scheduleId: allDay.id,
    });
    expect(sla.status).toBe(201);

    const newCi = async (name: string): Promise<Ci> => {
      const answer = await configuration.send('POST', '/api/v1/cis', conor, {
        className: 'application',
        name: `${name}-${run}`,
        ownerGroup: 'service-desk',
      });
      expect(answer.status).toBe(201);
      return {
        id: answer.body.id,
        version: answer.body.version,
        status: 'operational',
        transitions: 0,
      };
    };
    const flapping = await Promise.all(
      Array.from({ length: FLAPPING_CIS }, (_, i) => newCi(`flapping-${i}`)),
    );
    const steady = await Promise.all(
      Array.from({ length: STEADY_CIS }, (_, i) => newCi(`steady-${i}`)),
    );
    await waitUntil(
      'the incident service knowing every CI',
      async () =>
        Number(
          (
            await query<{ n: string }>(
              databases.incident,
              'SELECT count(*) AS n FROM ci_projection',
            )
          )[0]!.n,
        ) ===
        FLAPPING_CIS + STEADY_CIS,
      60_000,
    );

    load = new Load(incidents, configuration, { sam, monitoring }, steady, flapping);
    await sleep(3000);

    // The rollout: both Deployments at once, each one replica at a time; then a crash of each
    // service's relay leader. Every step is noted for the figures and the failures' excuses.
    const rolloutStartedAt = Date.now();
    const exits: string[] = [];
    const kills: Array<{ replica: Replica; from: number; to: number }> = [];
    let skipped = 0;
    const steps: string[] = [];
    const restart = async (replica: Replica, rotation: Rotation) => {
      replica.start();
      await replica.process.waitUntilReady(120_000);
      rotation.add(replica);
    };
    const rollOut = async (name: 'incident' | 'configuration') => {
      const rotation = rotations[name];
      for (const replica of replicas[name]) {
        const startedAt = Date.now();
        rotation.remove(replica);
        skipped += await replica.skippedRedeliveries();
        const exited = replica.process.whenExited();
        await replica.process.stop(30_000);
        const exit = await exited;
        exits.push(`${replica.name}: ${exit.code ?? exit.signal}`);
        await restart(replica, rotation);
        steps.push(`${replica.name} SIGTERM→ready ${Date.now() - startedAt} ms`);
      }
      const victim = replicas[name].find((r) => r.isRelayLeader()) ?? replicas[name][0]!;
      const killedAt = Date.now();
      const exited = victim.process.whenExited();
      victim.process.kill();
      rotation.remove(victim); // its readiness probe fails
      await exited;
      await restart(victim, rotation);
      kills.push({ replica: victim, from: killedAt, to: Date.now() });
      steps.push(`${victim.name} (relay leader) SIGKILL→ready ${Date.now() - killedAt} ms`);
    };
    await Promise.all([rollOut('incident'), rollOut('configuration')]);
    const rolloutEndedAt = Date.now();
    await sleep(2000);
    await load.stop();
    const loadStoppedAt = Date.now();

    // Drained: both relays published everything, both inboxes hold every event they handle, the
    // test's consumer read every event, and each incident's SLA clock has sent all its alerts.
    const handledByIncident = new Set(
      [ciCreated, ciUpdated, ciRetired, ciDeleted, ciStatusChanged, impactCalculated].map(
        (d) => d.type,
      ),
    );
    const handledByConfiguration = new Set([incidentCreated.type, incidentUpdated.type]);
    const alertTypes = new Set([slaWarning.type, slaBreached.type]);
    const snapshot = async () => {
      const [incidentOutbox, configurationOutbox, incidentInbox, configurationInbox] =
        await Promise.all([
          outboxOf(databases.incident),
          outboxOf(databases.configuration),
          inboxOf(databases.incident, 'itsm-incident.cmdb'),
          inboxOf(databases.configuration, 'itsm-configuration.record-impact'),
        ]);
      const incidentRows = await query<{ id: string; channel: string; ci: string }>(
        databases.incident,
        'SELECT id, channel, configuration_item_id AS ci FROM incidents',
      );
      return {
        incidentOutbox,
        configurationOutbox,
        incidentInbox,
        configurationInbox,
        incidentRows,
      };
    };
    let state = await snapshot();
    const pending = () => {
      const { incidentOutbox, configurationOutbox, incidentInbox, configurationInbox } = state;
      const read = recorder.ids();
      const alerts = incidentOutbox.filter(
        (row) => alertTypes.has(row.event_type) && row.payload.definitionId === sla.body.id,
      );
      return {
        unpublished: [...incidentOutbox, ...configurationOutbox].filter((r) => !r.published_at)
          .length,
        unread: [...incidentOutbox, ...configurationOutbox].filter((r) => !read.has(r.id)).length,
        notInIncidentInbox: configurationOutbox.filter(
          (r) => handledByIncident.has(r.event_type) && !incidentInbox.has(r.id),
        ).length,
        notInConfigurationInbox: incidentOutbox.filter(
          (r) => handledByConfiguration.has(r.event_type) && !configurationInbox.has(r.id),
        ).length,
        alertsDue: 3 * state.incidentRows.length - alerts.length,
      };
    };
    await waitUntil(
      'everything drained',
      async () => {
        state = await snapshot();
        return Object.values(pending()).every((n) => n <= 0);
      },
      90_000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(pending())}`);
    });
    for (const name of ['incident', 'configuration'] as const) {
      for (const replica of replicas[name]) skipped += await replica.skippedRedeliveries();
    }

    const { incidentOutbox, configurationOutbox, incidentRows } = state;

    // Every incident has exactly one `created` event, consumed once downstream (the CMDB answered
    // it with exactly one impact), and every load request's key names exactly one incident.
    const createdEvents = incidentOutbox.filter((r) => r.event_type === incidentCreated.type);
    const incidentIds = incidentRows.map((row) => row.id);
    const createdPerIncident = notExactlyOnce(
      countBy(createdEvents, (r) => r.aggregate_id),
      incidentIds,
    );
    const impacts = configurationOutbox.filter(
      (r) => r.event_type === impactCalculated.type && r.payload.recordType === 'incident',
    );
    const impactPerIncident = notExactlyOnce(
      countBy(impacts, (r) => r.aggregate_id),
      incidentIds,
    );
    const keys = await query<{ key: string; incident_id: string }>(
      databases.incident,
      'SELECT key, incident_id FROM idempotency_keys',
    );
    const stored = new Set(incidentIds);
    const answeredNotStored = load.created.filter((c) => !stored.has(c.id));
    const incidentsPerKey = notExactlyOnce(
      countBy(keys, (k) => k.incident_id),
      load.created.map((c) => c.id),
    );

    // Every CI that went down has exactly one monitoring incident (its later outages, while that
    // incident is open, are work notes on it: one per later status change, none twice).
    const statusChanges = configurationOutbox.filter((r) => r.event_type === ciStatusChanged.type);
    const changesPerCi = countBy(statusChanges, (r) => r.aggregate_id);
    const monitoringIncidents = incidentRows.filter((row) => row.channel === 'monitoring');
    const monitoringPerCi = notExactlyOnce(
      countBy(monitoringIncidents, (row) => row.ci),
      [...changesPerCi.keys()],
    );
    const notes = await query<{ incident_id: string; n: string }>(
      databases.incident,
      `SELECT incident_id, count(*) AS n FROM incident_notes WHERE author = $1 GROUP BY incident_id`,
      [CMDB_ACTOR],
    );
    const notesOf = new Map(notes.map((row) => [row.incident_id, Number(row.n)]));
    const wrongNotes = monitoringIncidents
      .map((row) => ({
        ci: row.ci,
        notes: notesOf.get(row.id) ?? 0,
        expected: (changesPerCi.get(row.ci) ?? 0) - 1,
      }))
      .filter((row) => row.notes !== row.expected);
    const statusWritesNotConfirmed = flapping.filter(
      (ci) => (changesPerCi.get(ci.id) ?? 0) !== ci.transitions,
    );

    // No SLA alert twice: one event per clock and threshold, on the outbox and on the topic.
    const alerts = incidentOutbox.filter(
      (r) => alertTypes.has(r.event_type) && r.payload.definitionId === sla.body.id,
    );
    const alertKey = (r: OutboxRow) =>
      `${r.payload.recordId}|${r.payload.slaId}|${r.payload.target}|${r.payload.percentElapsed ?? 'breached'}`;
    const alertsPerThreshold = notExactlyOnce(countBy(alerts, alertKey), []);

    // No consumer stuck: each service's group has committed the end of every partition it reads.
    const admin = new KafkaAdmin(createTestKafka(`e2e-rolling-lag-${run}`));
    const lagOf = async (group: string, topic: string) => {
      const committed = await admin.committedOffsets(prefix + group, topic);
      let lag = 0n;
      for (const [partition, end] of recorder.endOffsets(topic)) {
        const at = committed.get(partition) ?? -1n;
        lag += end - (at < 0n ? 0n : at);
      }
      return lag;
    };
    let lag = { incident: -1n, configuration: -1n };
    try {
      await waitUntil(
        'the consumer groups at the end of their topics',
        async () => {
          lag = {
            incident: await lagOf('itsm-incident.cmdb', topics.configuration),
            configuration: await lagOf('itsm-configuration.record-impact', topics.incident),
          };
          return lag.incident === 0n && lag.configuration === 0n;
        },
        30_000,
        500,
      ).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }

    // The figures.
    const during = (t: number) => t >= rolloutStartedAt && t <= rolloutEndedAt;
    const eventsDuringRollout = recorder.received.filter((m) => during(m.at)).length;
    const createdRead = new Map<string | null, number>();
    for (const m of recorder.received.filter((r) => r.type === incidentCreated.type)) {
      if (!createdRead.has(m.key)) createdRead.set(m.key, m.at);
    }
    const impactDelays = recorder.received
      .filter((m) => m.type === impactCalculated.type && createdRead.has(m.key))
      .map((m) => m.at - createdRead.get(m.key)!);
    const deadLetters = recorder.received.filter((m) => m.topic.endsWith('.dlq'));
    const republished = recorder.republished();
    // A relay that dies between its send and its mark sends the batch again: only after a SIGKILL.
    const republishedOutsideKills = republished.filter(
      (m) => !kills.some((k) => m.at >= k.from && m.at <= k.to + 10_000),
    );
    const duplicatesApplied =
      [createdPerIncident, impactPerIncident, monitoringPerCi, alertsPerThreshold, incidentsPerKey]
        .flat()
        .filter((o) => !o.endsWith('×0')).length +
      wrongNotes.filter((w) => w.notes > w.expected).length;
    const lost =
      [createdPerIncident, impactPerIncident, monitoringPerCi, incidentsPerKey]
        .flat()
        .filter((o) => o.endsWith('×0')).length +
      wrongNotes.filter((w) => w.notes < w.expected).length +
      answeredNotStored.length +
      statusWritesNotConfirmed.length +
      deadLetters.length;
    const unexpectedFailures = [incidents, configuration]
      .flatMap((client) => client.failures)
      .filter((f) => !kills.some((k) => k.replica === f.replica && f.at >= k.from && f.at <= k.to));
    const serverErrors = [incidents, configuration].flatMap((client) =>
      [...client.statuses].filter(([status]) => status >= 500),
    );
    process.stdout.write(
      [
        `rolling restart: ${REPLICAS} replicas each of incident and configuration, ${2 * REPLICAS} SIGTERM restarts and 2 SIGKILLs (relay leaders) in ${rolloutEndedAt - rolloutStartedAt} ms under load`,
        `${load.created.filter((c) => during(c.at)).length} incidents raised and ${load.statusChanges.filter(during).length} CI status changes during the rollout (${load.created.length} and ${load.statusChanges.length} in all); ${eventsDuringRollout} events during the rollout (${recorder.received.length} in all)`,
        `duplicates found: ${republished.length} events published twice (${republishedOutsideKills.length} of them outside a SIGKILL's aftermath), ${skipped} redeliveries skipped by the inboxes; duplicates applied: ${duplicatesApplied}; lost: ${lost}; dead letters: ${deadLetters.length}; consumer lag at the end: ${lag.incident + lag.configuration}; unpublished outbox rows: 0`,
        `longest pause in consumption (the test's consumer read nothing): ${recorder.longestSilence(rolloutStartedAt, rolloutEndedAt)} ms; longest incident.created → impact.calculated: ${Math.max(...impactDelays)} ms; requests refused by a killed replica and retried: ${[incidents, configuration].flatMap((c) => c.failures).length}; load stopped ${loadStoppedAt - rolloutEndedAt} ms after the rollout`,
        `steps: ${steps.join('; ')}; exits after SIGTERM: ${exits.join(', ')}`,
      ]
        .map((line) => `${line}\n`)
        .join(''),
    );

    expect({
      createdPerIncident,
      impactPerIncident,
      incidentsPerKey,
      answeredNotStored,
      monitoringPerCi,
      wrongNotes,
      statusWritesNotConfirmed: statusWritesNotConfirmed.map((ci) => ci.id),
      alertsPerThreshold,
      deadLetters,
    }).toEqual({
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
    expect(duplicatesApplied).toBe(0);
    expect(lost).toBe(0);
    expect(lag).toEqual({ incident: 0n, configuration: 0n });
    expect(exits.sort()).toEqual(
      replicasNames(replicas)
        .map((name) => `${name}: 0`)
        .sort(),
    );
    expect(unexpectedFailures.map((f) => `${f.replica.name} ${f.error}`)).toEqual([]);
    expect(serverErrors).toEqual([]);
    expect(monitoringIncidents.length).toBeGreaterThan(0);
    expect(load.created.filter((c) => during(c.at)).length).toBeGreaterThan(0);
  });
});

function replicasNames(replicas: Record<string, Replica[]>): string[] {
  return Object.values(replicas)
    .flat()
    .map((replica) => replica.name);
}
