import type { BatchObservableResult, ObservableGauge } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import type { KafkaClient } from '../kafka-client';
import { KafkaProducer } from '../kafka-producer';
import { messagingMetrics } from '../metrics';
import { contextFromHeaders, inSpan, SpanKind, traceHeaders } from '../tracing';
import { LeaderLock } from './leader-lock';
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
/** A scrape must not wait on a database that does not answer: the gauges are left out instead. */
const BACKLOG_QUERY_TIMEOUT_MS = 2000;

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
  private readonly lock: LeaderLock;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;
  private lastCleanup = 0;
  private readonly backlogGauges: { count: ObservableGauge; oldestAge: ObservableGauge };

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.producer = new KafkaProducer(options.kafka);
    this.lock = new LeaderLock({
      url: (options.dataSource.options as { url?: string }).url,
      name: options.name,
      channel: OUTBOX_CHANNEL,
      onNotification: () => this.wakeUp(),
      onLost: (reason) => {
        this.log('warn', `outbox relay ${options.name} is no longer the leader: ${reason}`);
        this.wakeUp(); // to take the lock again as soon as the database lets it
      },
    });
    this.backlogGauges = {
      count: messagingMetrics.meter.createObservableGauge('itsm_outbox_backlog', {
        description: 'Events written but not yet published',
      }),
      oldestAge: messagingMetrics.meter.createObservableGauge('itsm_outbox_oldest_age_seconds', {
        description: 'Age of the oldest unpublished event',
        unit: 's',
      }),
    };
  }

  get isLeader(): boolean {
    return this.lock.isHeld;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.producer.connect();
    messagingMetrics.meter.addBatchObservableCallback(this.observeBacklog, [
      this.backlogGauges.count,
      this.backlogGauges.oldestAge,
    ]);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp();
    await this.loop;
    messagingMetrics.meter.removeBatchObservableCallback(this.observeBacklog, [
      this.backlogGauges.count,
      this.backlogGauges.oldestAge,
    ]);
    await this.lock.release();
    await this.producer.disconnect();
  }

  /**
   * Publishes every pending row now, as the leader; returns how many it published. Each batch
   * starts only once the lock's session confirms the lock, so a relay that lost it stops here.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (!(await this.lock.confirm())) return total;
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
        if (!this.lock.isHeld && (await this.lock.tryAcquire()))
          this.log('info', `outbox relay ${this.options.name} is the leader`);
        if (this.lock.isHeld) {
          await this.drain();
          await this.cleanUpPublished();
        }
      } catch (error) {
        this.log('warn', `outbox relay: ${(error as Error).message}; retrying`);
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
    try {
      await withTimeout(
        this.producer.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages }))),
        this.sendTimeoutMs,
        `sending ${rows.length} events took longer than ${this.sendTimeoutMs} ms`,
      );
    } catch (error) {
      this.producerSuspect = true;
      throw error;
    }
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

  /**
   * Backlog and age of the oldest unpublished event, read from the table at each collection (a
   * scrape), whether or not sends succeed: a growing figure means Kafka is not taking events. Only
   * the leader reports them, so that a sum over replicas counts the table once.
   */
  private readonly observeBacklog = async (result: BatchObservableResult): Promise<void> => {
    if (!this.lock.isHeld) return;
    try {
      const [row] = await withTimeout(
        this.options.dataSource.query<Array<{ backlog: string; age: number | null }>>(
          `SELECT count(*) AS backlog, extract(epoch FROM now() - min(created_at))::float8 AS age
           FROM outbox WHERE published_at IS NULL`,
        ),
        BACKLOG_QUERY_TIMEOUT_MS,
        `the backlog query took longer than ${BACKLOG_QUERY_TIMEOUT_MS} ms`,
      );
      const attributes = { relay: this.options.name };
      result.observe(this.backlogGauges.count, Number(row?.backlog ?? 0), attributes);
      result.observe(this.backlogGauges.oldestAge, row?.age ?? 0, attributes);
    } catch (error) {
      this.log('warn', `outbox relay: backlog not measured: ${(error as Error).message}`);
    }
  };

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
