import { deploymentReport } from './deployment-report';

const DB = '0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const APP = '7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('deploymentReport', () => {
  const implementing = { state: 'implement' as const, affectedCiIds: [DB, APP] };

  it("records a deployment on all of the change's CIs when none are named", () => {
    expect(deploymentReport(implementing, undefined)).toEqual({
      accepted: true,
      ciIds: [DB, APP],
    });
  });

  it('records it on the CIs named, whatever their case, once the change is in Review too', () => {
    expect(deploymentReport({ ...implementing, state: 'review' }, [APP.toUpperCase()])).toEqual({
      accepted: true,
      ciIds: [APP],
    });
  });

  it('refuses a report before Implement or after Review, naming the state', () => {
    for (const state of ['scheduled', 'closed'] as const) {
      expect(deploymentReport({ ...implementing, state }, undefined)).toEqual({
        accepted: false,
        kind: 'not-implementing',
        state,
      });
    }
  });

  it('refuses CIs the change does not cover, naming each', () => {
    expect(deploymentReport(implementing, [DB, OTHER])).toEqual({
      accepted: false,
      kind: 'foreign-cis',
      foreign: [OTHER],
    });
  });
});
