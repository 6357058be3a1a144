import {
  DEFAULT_RELATIONSHIP_RULES,
  RELATIONSHIP_NAMES,
  relationshipAllowed,
} from './relationship-types';

describe('relationship rules', () => {
  it('allows a pair through a rule on an ancestor class', () => {
    expect(
      relationshipAllowed(
        DEFAULT_RELATIONSHIP_RULES,
        'runs_on',
        ['application'],
        ['linux_server', 'server'],
      ),
    ).toBe(true);
  });

  it('refuses a pair no rule names, and a type the pair does not have', () => {
    expect(
      relationshipAllowed(DEFAULT_RELATIONSHIP_RULES, 'runs_on', ['business_service'], ['server']),
    ).toBe(false);
    expect(
      relationshipAllowed(DEFAULT_RELATIONSHIP_RULES, 'hosted_on', ['application'], ['server']),
    ).toBe(false);
  });

  it('names both directions of every type', () => {
    expect(RELATIONSHIP_NAMES.depends_on).toEqual({ forward: 'depends_on', reverse: 'used_by' });
    expect(RELATIONSHIP_NAMES.hosted_on.reverse).toBe('hosts');
  });
});
