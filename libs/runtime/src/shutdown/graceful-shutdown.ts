/** One stage of a shutdown, e.g. "close HTTP, waiting for the requests in flight". */
export interface ShutdownStep {
  name: string;
  run: () => Promise<void>;
}

export interface GracefulShutdownOptions {
  /** The whole shutdown must finish within this time; past it the process exits at once. */
  graceMs: number;
  /** Run one after the other; a failed step is logged and the next one still runs. */
  steps: readonly ShutdownStep[];
  exit: (code: number) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * What a signal does to a service: the first one runs the shutdown steps in order and exits 0 when
 * all of them succeeded (1 when one failed); a second signal, or the grace period running out,
 * exits 1 at once. Kubernetes sends SIGTERM, waits `terminationGracePeriodSeconds` (30 s by
 * default), then SIGKILLs: the grace period stays below that so that the exit is ours.
 */
export class GracefulShutdown {
  private current?: string;

  constructor(private readonly options: GracefulShutdownOptions) {}

  get inProgress(): boolean {
    return this.current !== undefined;
  }

  install(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    for (const signal of signals) process.on(signal, () => this.handle(signal));
  }

  handle(signal: string): void {
    const { graceMs, exit, log } = this.options;
    if (this.current !== undefined) {
      log('warn', `${signal} during shutdown (at "${this.current}"): exiting now`);
      exit(1);
      return;
    }
    this.current = 'start';
    log('info', `${signal}: shutting down (grace period ${graceMs} ms)`);
    const started = Date.now();
    const deadline = setTimeout(() => {
      log('error', `shutdown not finished after ${graceMs} ms (at "${this.current}"): exiting now`);
      exit(1);
    }, graceMs);
    void this.runSteps().then((failed) => {
      clearTimeout(deadline);
      log(failed ? 'warn' : 'info', `shut down in ${Date.now() - started} ms`);
      exit(failed ? 1 : 0);
    });
  }

  /** Resolves true when a step failed. */
  private async runSteps(): Promise<boolean> {
    let failed = false;
    for (const step of this.options.steps) {
      this.current = step.name;
      const started = Date.now();
      try {
        await step.run();
        this.options.log('info', `${step.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed = true;
        const text = error instanceof Error ? error.message : String(error);
        this.options.log('error', `shutdown step "${step.name}" failed: ${text}`);
      }
    }
    return failed;
  }
}
