import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { recurringJobMetrics } from './recurring-job-metrics';

/**
 * A timer every replica runs, each item once: `runBatch` every `intervalMs`, in a transaction of
 * its own, never two runs at once on a replica, until shutdown. A batch claims its items with
 * `FOR UPDATE SKIP LOCKED` (or a lock of the subject they belong to), so replicas share the work
 * and an item is handled by whichever gets there first. A run that finds work runs again at once:
 * a backlog (after downtime) drains without waiting.
 *
 * Each run's outcome is a metric (`itsm_recurring_job_last_success_timestamp_seconds`,
 * `itsm_recurring_job_failures_total`, labelled `timer` with the class name), so a stalled timer
 * alerts.
 *
 * A subclass is a Nest provider: its constructor takes its own dependencies and passes the data
 * source and the interval on.
 */
export abstract class RecurringJob implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly intervalMs: number,
  ) {}

  /** Does one batch of work in `manager`'s transaction; returns how many items it handled. */
  protected abstract runBatch(manager: EntityManager, now: Date): Promise<number>;

  /** Nest calls this twice (the application, then its event consumers): one chain of runs only. */
  onApplicationBootstrap(): void {
    if (this.timer === undefined) this.schedule(0);
  }

  /** Stops first at shutdown, so that the outbox relay's last drain publishes what it wrote. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const now = new Date();
      this.running = this.dataSource
        .transaction((manager) => this.runBatch(manager, now))
        .then((handled) => {
          recurringJobMetrics.succeeded(this.constructor.name, new Date());
          this.schedule(handled > 0 ? 0 : this.intervalMs);
        })
        .catch((error: Error) => {
          recurringJobMetrics.failed(this.constructor.name);
          this.logger.warn(`run failed, retrying: ${error.message}`);
          this.schedule(this.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
