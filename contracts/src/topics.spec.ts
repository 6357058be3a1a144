import { deadLetterTopic, PRACTICES, practiceTopic, topicsOwnedBy } from './topics';

describe('topics', () => {
  it('names a practice topic by practice and major version', () => {
    expect(practiceTopic('incident')).toBe('itsm.incident.v1');
    expect(practiceTopic('change', 2)).toBe('itsm.change.v2');
  });

  it('refuses a major version that is not a positive integer', () => {
    expect(() => practiceTopic('problem', 0)).toThrow(RangeError);
    expect(() => practiceTopic('problem', 1.5)).toThrow(/positive integer/);
  });

  it('puts dead letters beside their topic', () => {
    expect(deadLetterTopic('itsm.catalog.v1')).toBe('itsm.catalog.v1.dlq');
  });

  it('gives every practice its topic and its dead-letter topic', () => {
    const owned = PRACTICES.flatMap(topicsOwnedBy);
    expect(owned).toHaveLength(PRACTICES.length * 2);
    expect(new Set(owned).size).toBe(owned.length);
    expect(topicsOwnedBy('configuration')).toEqual([
      'itsm.configuration.v1',
      'itsm.configuration.v1.dlq',
    ]);
  });
});
