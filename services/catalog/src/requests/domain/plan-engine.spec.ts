import { planProgress, type PlannedStep } from './plan-engine';

const step = (stage: number, group: string): PlannedStep => ({
  stage,
  shortDescription: `${group} work`,
  assignmentGroup: group,
});
const plan = [
  step(1, 'service-desk'),
  step(2, 'network'),
  step(2, 'database'),
  step(3, 'service-desk'),
];

describe('the fulfilment plan engine', () => {
  it('starts with the tasks of stage 1', () => {
    expect(planProgress(plan, [])).toEqual({ kind: 'start', stage: 1, steps: [plan[0]] });
  });

  it('waits while a task of the current stage is open or in progress', () => {
    expect(planProgress(plan, [{ stage: 1, state: 'open' }])).toEqual({ kind: 'waiting' });
    expect(planProgress(plan, [{ stage: 1, state: 'in_progress' }])).toEqual({ kind: 'waiting' });
  });

  it('starts the parallel tasks of the next stage together when the stage before is done', () => {
    expect(planProgress(plan, [{ stage: 1, state: 'done' }])).toEqual({
      kind: 'start',
      stage: 2,
      steps: [plan[1], plan[2]],
    });
  });

  it('waits for every parallel task of a stage before starting the next', () => {
    const made = [
      { stage: 1, state: 'done' },
      { stage: 2, state: 'done' },
      { stage: 2, state: 'in_progress' },
    ] as const;
    expect(planProgress(plan, made)).toEqual({ kind: 'waiting' });
    expect(planProgress(plan, [...made.slice(0, 2), { stage: 2, state: 'done' }])).toMatchObject({
      kind: 'start',
      stage: 3,
    });
  });

  it('fulfils the item when every task of the last stage is done', () => {
    const made = [1, 2, 2, 3].map((stage) => ({ stage, state: 'done' as const }));
    expect(planProgress(plan, made)).toEqual({ kind: 'fulfilled' });
  });

  it('never goes past a cancelled task', () => {
    expect(planProgress(plan, [{ stage: 1, state: 'cancelled' }])).toEqual({ kind: 'waiting' });
  });
});
