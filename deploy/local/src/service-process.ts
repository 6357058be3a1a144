import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { workspaceRoot } from './workspace';

export interface ServiceProcessOptions {
  /** The folder name under services/. */
  name: string;
  port: number;
  env: Record<string, string>;
  /** Where the service's JSON log lines go. */
  logFile: string;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One service's built `main.js` in a child process, with its health endpoints. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit?: ProcessExit;
  private exited?: Promise<ProcessExit>;

  constructor(readonly options: ServiceProcessOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get name(): string {
    return this.options.name;
  }

  start(): void {
    const main = join(workspaceRoot(), 'services', this.options.name, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
    mkdirSync(dirname(this.options.logFile), { recursive: true });
    const log = openSync(this.options.logFile, 'a');
    this.exit = undefined;
    this.child = spawn(process.execPath, ['--enable-source-maps', main], {
      env: { ...process.env, ...this.options.env, HTTP_PORT: String(this.options.port) },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const child = this.child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  /** Resolves when the process started last exits, however it ends. */
  whenExited(): Promise<ProcessExit> {
    if (!this.exited) throw new Error(`${this.name} has not been started`);
    return this.exited;
  }

  /** SIGKILL: a crash, as far as anyone watching can tell. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  async readiness(): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  }

  /** Resolves when /health/ready answers 200; rejects if the process exits or time runs out. */
  async waitUntilReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exit) {
        throw new Error(
          `${this.name} exited (code ${this.exit.code}, signal ${this.exit.signal}) during start-up:\n${this.tail()}`,
        );
      }
      const answer = await this.readiness().catch(() => undefined);
      if (answer?.status === 200) return;
      await sleep(250);
    }
    throw new Error(`${this.name} was not ready after ${timeoutMs} ms:\n${this.tail()}`);
  }

  /** SIGTERM for a graceful shutdown; SIGKILL if it has not exited in time. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || this.exit) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** The last lines of the service's log, to explain a failure. */
  tail(lines = 30): string {
    if (!existsSync(this.options.logFile)) return '(no log)';
    return readFileSync(this.options.logFile, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  }
}
