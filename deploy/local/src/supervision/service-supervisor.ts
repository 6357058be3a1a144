import type { ProcessExit, ServiceProcess } from '../service-process';
import { afterCrash, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy';

export interface SupervisorOptions {
  /** Where the supervisor says what it does: one line per crash, restart and give-up. */
  print: (line: string) => void;
  policy?: RestartPolicy;
}

/**
 * Keeps a service running: an exit it did not ask for is a crash, answered by a restart after the
 * policy's backoff, until the service crashes too often and is left stopped, with a message that
 * says so and where its log is.
 */
export class ServiceSupervisor {
  private readonly crashTimes: number[] = [];
  private readonly policy: RestartPolicy;
  private stopping = false;
  private pendingRestart?: NodeJS.Timeout;

  constructor(
    readonly service: ServiceProcess,
    private readonly options: SupervisorOptions,
  ) {
    this.policy = options.policy ?? DEFAULT_RESTART_POLICY;
  }

  /** Watches the service's current process; call once it has started. */
  watch(): void {
    void this.service.whenExited().then((exit) => this.afterExit(exit));
  }

  /** Stops the service for good: its exit is not a crash. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.pendingRestart);
    await this.service.stop();
  }

  private afterExit(exit: ProcessExit): void {
    if (this.stopping) return;
    const now = Date.now();
    this.crashTimes.push(now);
    const decision = afterCrash(this.policy, this.crashTimes, now);
    const name = this.service.name;
    const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`;
    const window = `${Math.round(this.policy.windowMs / 60_000)} min`;
    if (decision.action === 'give-up') {
      this.options.print(
        `${name} ${how} and has crashed ${decision.recentCrashes} times in ${window}: not restarting it; the platform runs WITHOUT ${name}. Its log: ${this.service.options.logFile}`,
      );
      return;
    }
    this.options.print(
      `${name} ${how}; restarting it in ${decision.delayMs / 1000} s (crash ${decision.recentCrashes} of ${this.policy.maxCrashes} allowed in ${window})`,
    );
    this.pendingRestart = setTimeout(() => void this.restart(), decision.delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.service.start();
    this.watch();
    // A crash during start-up is reported, and answered, by the exit it causes.
    const outcome = await Promise.race([
      this.service.waitUntilReady().then(
        () => 'ready' as const,
        (error: Error) => error,
      ),
      this.service.whenExited().then(() => 'exited' as const),
    ]);
    if (this.stopping || outcome === 'exited') return;
    this.options.print(
      outcome === 'ready'
        ? `${this.service.name} ready again at ${this.service.url}`
        : `${this.service.name} is not ready: ${outcome.message.split('\n')[0]}`,
    );
  }
}
