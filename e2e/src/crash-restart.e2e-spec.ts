import { setTimeout as sleep } from 'node:timers/promises';
import { type ServiceProcess, ServiceSupervisor } from '@itsm/local-stack';
import { E2eRun, tokenFor, waitUntil } from '@itsm/testing';

jest.setTimeout(240_000);

/** Raises incidents two at a time until stopped, noting when each answer arrived and its status. */
class Load {
  readonly answers: Array<{ at: number; status: number }> = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(url: () => string, token: string) {
    this.workers = [1, 2].map(async () => {
      while (this.running) {
        const status = await fetch(`${url()}/api/v1/incidents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ shortDescription: 'Disk full', assignmentGroup: 'service-desk' }),
          signal: AbortSignal.timeout(5000),
        }).then(
          (response) => response.status,
          () => 0, // refused or reset: the process is down
        );
        this.answers.push({ at: Date.now(), status });
        await sleep(status === 0 ? 20 : 50);
      }
    });
  }

  firstCreatedAfter(time: number): number | undefined {
    return this.answers.find((answer) => answer.at > time && answer.status === 201)?.at;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }
}

const joinedLines = (service: ServiceProcess) =>
  service
    .tail(100_000)
    .split('\n')
    .filter((line) => line.includes('the event consumers joined their groups')).length;

/**
 * The incident service, with its event consumers in their groups on the shared broker, is killed
 * (SIGKILL) while requests arrive. The broker keeps the dead member until its session times out
 * (`CONSUMER_SESSION_TIMEOUT_MS`, 30 s); the new process must serve HTTP long before that.
 */
describe('a service killed under load', () => {
  const e2e = new E2eRun('crash');
  const printed: string[] = [];
  let service: ServiceProcess;
  let supervisor: ServiceSupervisor;
  let load: Load | undefined;
  let coldStartMs: number;

  beforeAll(async () => {
    service = await e2e.service('incident', { logName: 'incident-crash-restart' });
    supervisor = new ServiceSupervisor(service, {
      print: (line) => printed.push(line),
      policy: { baseDelayMs: 500, maxDelayMs: 500, maxCrashes: 2, windowMs: 60_000 },
    });
    const startedAt = Date.now();
    service.start();
    await service.waitUntilReady(120_000);
    coldStartMs = Date.now() - startedAt;
    await waitUntil(
      'the event consumers in their groups',
      async () => joinedLines(service) === 1,
      60_000,
    );
  });

  afterAll(async () => {
    await load?.stop();
    await supervisor?.stop();
    await e2e.cleanUp();
  });

  it('serves again within 5 s of being started again; its consumers rejoin when the group lets them', async () => {
    load = new Load(() => service.url, await tokenFor('sam'));
    await waitUntil('load', async () => load!.firstCreatedAfter(0) !== undefined, 10_000);

    service.kill();
    await service.whenExited();
    const restartedAt = Date.now();
    service.start();
    await service.waitUntilReady(60_000);
    const readyMs = Date.now() - restartedAt;
    await waitUntil(
      'an incident raised by the new process',
      async () => load!.firstCreatedAfter(restartedAt) !== undefined,
      10_000,
      20,
    );
    const answeredMs = load.firstCreatedAfter(restartedAt)! - restartedAt;
    await load.stop();

    await waitUntil(
      'the event consumers back in their groups',
      async () => joinedLines(service) === 2,
      90_000,
    );
    const rejoinedMs = Date.now() - restartedAt;
    process.stdout.write(
      `crash-restart: cold start ${coldStartMs} ms; after SIGKILL, ready ${readyMs} ms and first 201 ${answeredMs} ms after the restart; consumers rejoined after ${rejoinedMs} ms\n`,
    );
    // 5 s is the target; on a machine so busy that booting alone takes longer (module loading is
    // CPU-bound), a restart must at least cost no more than a cold start. Waiting for the group
    // (the old behaviour) costs the whole session timeout, 30 s, and fails either way.
    const budgetMs = Math.max(5000, coldStartMs);
    expect(readyMs).toBeLessThan(budgetMs);
    expect(answeredMs).toBeLessThan(budgetMs);
    expect(readyMs).toBeLessThan(rejoinedMs);
    // A request either reached a process or found none: the crash never answered 5xx.
    expect(load.answers.filter((answer) => answer.status !== 201 && answer.status !== 0)).toEqual(
      [],
    );
  });

  it('is restarted by the supervisor after a crash, and left stopped after repeated crashes', async () => {
    supervisor.watch();
    service.kill();
    await waitUntil(
      'the restart',
      async () => printed.some((line) => line.startsWith('incident ready again')),
      60_000,
    );
    expect(printed[0]).toMatch(
      /^incident was killed \(SIGKILL\); restarting it in 0.5 s \(crash 1 of 2/,
    );

    service.kill();
    await waitUntil(
      'the supervisor giving up',
      async () => printed.some((line) => line.includes('not restarting it')),
      30_000,
    );
    expect(printed.at(-1)).toContain('the platform runs WITHOUT incident');
    await sleep(1000);
    await expect(service.readiness()).rejects.toThrow();
  });
});
