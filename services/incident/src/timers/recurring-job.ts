import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs `runOnce` every `intervalMs` on each replica, never two runs at once, until shutdown. A run
 * that finds work runs again at once: a backlog (after downtime) drains without waiting.
 */
export abstract class RecurringJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  protected abstract readonly logger: Logger;

  protected abstract intervalMs(): number;
  /** Does one batch of work; returns how many items it handled. */
  protected abstract runOnce(now: Date): Promise<number>;

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce(new Date())
        .then((handled) => this.schedule(handled > 0 ? 0 : this.intervalMs()))
        .catch((error: Error) => {
          this.logger.warn(`run failed, retrying: ${error.message}`);
          this.schedule(this.intervalMs());
        });
    }, delay);
    this.timer.unref();
  }
}
