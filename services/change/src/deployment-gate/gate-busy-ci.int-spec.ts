import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { SchedulingFixture } from '../conflicts/scheduling.testing';

jest.setTimeout(180_000);

const HOUR = 3600 * 1000;

/**
 * The gate on a CI many open changes name: however many are planned before it, the change in
 * Implement is among those the gate decides on.
 */
describe('the deployment gate on a busy CI, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let fixture: SchedulingFixture;

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    fixture = new SchedulingFixture(api);
    await fixture.publishTemplate();
  });
  afterAll(() => api.close());

  it('allows a deployment inside the window of the implementing change among 60 open others', async () => {
    const ci = randomUUID();
    const now = Date.now();
    // Drafts planned earlier than the implementing change: first in the order of planned start.
    const earlier = [new Date(now - 3 * HOUR), new Date(now - 2 * HOUR)].map((d) =>
      d.toISOString(),
    );
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, () => fixture.raise([ci], earlier[0]!, earlier[1]!)),
      );
    }
    const raised = await fixture.raise(
      [ci],
      new Date(now - HOUR).toISOString(),
      new Date(now + HOUR).toISOString(),
    );
    await fixture.answer(raised.id, [ci]);
    const scheduled = (await fixture.schedule(raised)).json();
    const implementing = await api.call('POST', `/api/v1/changes/${raised.id}/transitions`, {
      as: 'nina',
      payload: { to: 'implement', version: scheduled.version },
    });
    expect(implementing.statusCode).toBe(200);

    const answer = await api.call('POST', '/api/v1/deployment-gate', {
      as: 'chloe',
      payload: { cis: [ci] },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ allowed: true, change: { id: raised.id } });
  });
});
