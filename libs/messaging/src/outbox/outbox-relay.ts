import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { KafkaClient } from '../kafka-client';
import { KafkaProducer } from '../kafka-producer';
import { messagingMetrics } from '../metrics';
import { contextFromHeaders, inSpan, SpanKind, traceHeaders } from '../tracing';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  kafka: KafkaClient;
  /** Names the leader lock: one relay per service database is active at a time. */
  name: string;
  batchSize?: number;
  /** The fallback poll, for a notification lost while the listening connection was down. */
  pollIntervalMs?: number;
  /** How long published rows stay (for inspection) before they are deleted. */
  retentionMs?: number;
  /**
   * How long one send may take before the producer is replaced by a fresh one: after a broker crash
   * a kafkajs producer can wait forever on a connection that will never answer.
   */
  sendTimeoutMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface OutboxRow {
  id: string;
  aggregate_id: string;
  topic: string;
  headers: Record<string, string>;
  payload: unknown;
  created_at: Date;
}

const CLEANUP_EVERY_MS = 60_000;

/**
 * Takes outbox rows to Kafka in outbox order, with the idempotent producer and `acks=all`, and marks
 * them published. Several replicas may run: a PostgreSQL advisory lock makes one of them the leader,
 * and another takes over when its session ends. A crash between the send and the mark publishes
 * the rows again after restart; consumers skip the duplicates by event id (their `Inbox`).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionMs: number;
  private readonly sendTimeoutMs: number;
  private producer: KafkaProducer;
  /** A send failed or hung: the next drain starts with a new producer. */
  private producerSuspect = false;
  private listener?: Client;
  private leader = false;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;
  private lastCleanup = 0;
  private backlog = { count: 0, oldestAgeSeconds: 0 };

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.producer = new KafkaProducer(options.kafka);
    const attributes = { relay: options.name };
    messagingMetrics.meter
      .createObservableGauge('itsm_outbox_backlog', {
        description: 'Events written but not yet published',
      })
      .addCallback((result) => result.observe(this.backlog.count, attributes));
    messagingMetrics.meter
      .createObservableGauge('itsm_outbox_oldest_age_seconds', {
        description: 'Age of the oldest unpublished event',
        unit: 's',
      })
      .addCallback((result) => result.observe(this.backlog.oldestAgeSeconds, attributes));
  }

  get isLeader(): boolean {
    return this.leader;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.producer.connect();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp();
    await this.loop;
    await this.closeListener();
    await this.producer.disconnect();
  }

  /** Publishes every pending row now; returns how many it published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.options.dataSource.query<OutboxRow[]>(
        `SELECT id, aggregate_id, topic, headers, payload, created_at FROM outbox
         WHERE published_at IS NULL ORDER BY sequence LIMIT $1`,
        [this.batchSize],
      );
      if (rows.length === 0) return total;
      await this.publish(rows);
      total += rows.length;
      if (rows.length < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.leader) await this.tryToLead();
        if (this.leader) {
          await this.drain();
          await this.measureBacklog();
          await this.cleanUpPublished();
        }
      } catch (error) {
        this.log('warn', `outbox relay: ${(error as Error).message}; retrying`);
        this.producerSuspect = true;
        if (this.listener && !(await this.listenerAlive())) await this.closeListener();
      }
      await this.sleep(this.pollIntervalMs);
    }
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<
      string,
      Array<{ key: string; value: string; headers: Record<string, string> }>
    >();
    await Promise.all(
      rows.map((row) =>
        // The span continues the trace stored with the row (the request that caused the event).
        inSpan(
          `${row.topic} publish`,
          SpanKind.PRODUCER,
          contextFromHeaders(row.headers),
          {
            'messaging.system': 'kafka',
            'messaging.destination.name': row.topic,
            'messaging.message.id': row.id,
          },
          async () => {
            const messages = byTopic.get(row.topic) ?? [];
            messages.push({
              key: row.aggregate_id,
              value: JSON.stringify(row.payload),
              headers: { ...row.headers, ...traceHeaders() },
            });
            byTopic.set(row.topic, messages);
          },
        ),
      ),
    );
    if (this.producerSuspect) await this.replaceProducer();
    await withTimeout(
      this.producer.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages }))),
      this.sendTimeoutMs,
      `sending ${rows.length} events took longer than ${this.sendTimeoutMs} ms`,
    );
    await this.options.dataSource.query(
      'UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])',
      [rows.map((row) => row.id)],
    );
    const now = Date.now();
    messagingMetrics.published.add(rows.length);
    for (const row of rows)
      messagingMetrics.publishLatency.record((now - new Date(row.created_at).getTime()) / 1000);
  }

  /**
   * A fresh producer (new connections, a new idempotent producer id). Rows the old one may have sent
   * are sent again; consumers skip them by event id.
   */
  private async replaceProducer(): Promise<void> {
    const old = this.producer;
    this.producer = new KafkaProducer(this.options.kafka);
    await withTimeout(old.disconnect(), 5000, 'old producer did not disconnect').catch(
      () => undefined,
    );
    await this.producer.connect();
    this.producerSuspect = false;
    this.log('info', 'outbox relay: producer replaced after a failed send');
  }

  /** Backlog and age of the oldest unpublished event: a growing figure means Kafka is not taking events. */
  private async measureBacklog(): Promise<void> {
    const [row] = await this.options.dataSource.query<
      Array<{ backlog: string; age: number | null }>
    >(
      `SELECT count(*) AS backlog, extract(epoch FROM now() - min(created_at))::float8 AS age
       FROM outbox WHERE published_at IS NULL`,
    );
    this.backlog = { count: Number(row?.backlog ?? 0), oldestAgeSeconds: row?.age ?? 0 };
  }

  private async tryToLead(): Promise<void> {
    if (!this.listener) {
      const options = this.options.dataSource.options as { url?: string };
      const client = new Client({ connectionString: options.url, connectionTimeoutMillis: 5000 });
      client.on('error', () => undefined); // a dropped connection shows in listenerAlive()
      client.on('notification', () => this.wakeUp());
      await client.connect();
      this.listener = client;
    }
    const { rows } = await this.listener.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`outbox-relay:${this.options.name}`],
    );
    if (rows[0]?.locked) {
      await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.leader = true;
      this.log('info', `outbox relay ${this.options.name} is the leader`);
    }
  }

  private async listenerAlive(): Promise<boolean> {
    try {
      await this.listener?.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async closeListener(): Promise<void> {
    this.leader = false;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async cleanUpPublished(): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    await this.options.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)`,
      [this.retentionMs / 1000],
    );
  }

  /** A notification during a drain must not wait for the next poll: remember it. */
  private wakeUp(): void {
    if (this.wake) this.wake();
    else this.woken = true;
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.wake = undefined));
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, message);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
