import { defaultGroupFor, parseRoutingRules, RoutingRulesError } from './default-routing';

const channels = ['self_service', 'service_desk', 'integration', 'monitoring'];

describe('default routing of an incident raised without an assignment group', () => {
  const rules = parseRoutingRules(
    'category:Network=network-ops, channel:monitoring=noc,channel:self_service=first-line',
    channels,
  );
  const groupOf = (incident: { category: string | null; channel: string }) =>
    defaultGroupFor(rules, 'service-desk', incident);

  it('sends it by its category first, whatever its case', () => {
    expect(groupOf({ category: ' network ', channel: 'monitoring' })).toBe('network-ops');
  });

  it('sends it by its channel when no rule names its category', () => {
    expect(groupOf({ category: 'hardware', channel: 'monitoring' })).toBe('noc');
    expect(groupOf({ category: null, channel: 'self_service' })).toBe('first-line');
  });

  it('sends the rest to the fallback', () => {
    expect(groupOf({ category: null, channel: 'integration' })).toBe('service-desk');
    const none = parseRoutingRules('', channels);
    expect(
      defaultGroupFor(none, 'service-desk', { category: 'network', channel: 'self_service' }),
    ).toBe('service-desk');
  });

  it('refuses a rule it cannot read, or a channel that does not exist, naming it', () => {
    expect(() => parseRoutingRules('network=ops', channels)).toThrow(
      new RoutingRulesError(
        '"network=ops" is not a rule: write category:<category>=<group> or channel:<channel>=<group>',
      ),
    );
    expect(() => parseRoutingRules('channel:phone=ops', channels)).toThrow(
      /names channel "phone": the channels are self_service, service_desk, integration, monitoring/,
    );
  });
});
