import { impactOfCriticality } from './ci-down';

describe('the impact of an incident for a CI that went down', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 3],
  ])('is %i for criticality %i', (criticality, impact) => {
    expect(impactOfCriticality(criticality)).toBe(impact);
  });
});
