import { MAX_SHORT_DESCRIPTION, standardChangeSummary } from './standard-change-summary';

describe('standardChangeSummary', () => {
  it('keeps a summary a change holds as it is', () => {
    expect(standardChangeSummary('New VM for RITM0001001')).toBe('New VM for RITM0001001');
    const longest = 'x'.repeat(MAX_SHORT_DESCRIPTION);
    expect(standardChangeSummary(longest)).toBe(longest);
  });

  it('cuts a longer one to the most a change holds, ending with an ellipsis', () => {
    const summary = standardChangeSummary(`${'n'.repeat(160)} for RITM0001001`);
    expect(Array.from(summary)).toHaveLength(MAX_SHORT_DESCRIPTION);
    expect(summary).toBe(`${'n'.repeat(159)}…`);
  });

  it('counts characters, not UTF-16 units, and splits no surrogate pair', () => {
    const summary = standardChangeSummary('🚀'.repeat(170));
    expect(Array.from(summary)).toHaveLength(MAX_SHORT_DESCRIPTION);
    expect(summary).toBe(`${'🚀'.repeat(159)}…`);
    expect(standardChangeSummary('🚀'.repeat(160))).toBe('🚀'.repeat(160));
  });
});
