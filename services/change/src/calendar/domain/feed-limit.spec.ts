import { feedLimitRefusal } from './feed-limit';

describe('how many calendar feeds a person may hold', () => {
  it('allows one more while fewer than the limit work', () => {
    expect(feedLimitRefusal(0, 20)).toBeNull();
    expect(feedLimitRefusal(19, 20)).toBeNull();
  });

  it('refuses at the limit, naming it and how many work', () => {
    expect(feedLimitRefusal(20, 20)).toEqual({ limit: 20, active: 20 });
  });

  it('refuses above it too (the limit was lowered since they were created)', () => {
    expect(feedLimitRefusal(25, 5)).toEqual({ limit: 5, active: 25 });
  });
});
