import { evaluateReadiness } from './readiness';

describe('evaluateReadiness', () => {
  it('is ready when every check is up, keeping their details', async () => {
    const report = await evaluateReadiness(
      { database: async () => undefined, kafka: async () => '3 broker(s)' },
      100,
    );
    expect(report).toEqual({
      status: 'ready',
      checks: { database: { status: 'up' }, kafka: { status: 'up', detail: '3 broker(s)' } },
    });
  });

  it('is not ready when one check fails, and says why', async () => {
    const report = await evaluateReadiness(
      {
        database: async () => {
          throw new Error('connection refused');
        },
        kafka: async () => undefined,
      },
      100,
    );
    expect(report).toEqual({
      status: 'not_ready',
      checks: {
        database: { status: 'down', detail: 'connection refused' },
        kafka: { status: 'up' },
      },
    });
  });

  it('calls a check that hangs down after the timeout', async () => {
    const report = await evaluateReadiness({ kafka: () => new Promise<void>(() => undefined) }, 20);
    expect(report.checks.kafka).toEqual({
      status: 'down',
      detail: 'kafka did not answer within 20 ms',
    });
  });

  it('stays ready when an advisory check is down, and reports it', async () => {
    const report = await evaluateReadiness(
      {
        database: async () => undefined,
        kafka: async () => {
          throw new Error('no broker answers');
        },
      },
      100,
      ['kafka'],
    );
    expect(report).toEqual({
      status: 'ready',
      checks: {
        database: { status: 'up' },
        kafka: { status: 'down', detail: 'no broker answers', advisory: true },
      },
    });
  });
});
