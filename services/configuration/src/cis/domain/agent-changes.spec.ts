import type { Principal } from '@itsm/auth/rules';
import { agentChangeRefusal } from './agent-changes';

const nina: Principal = {
  id: 'nina',
  kind: 'user',
  roles: new Set(['agent']),
  groups: new Set(['network']),
};

describe('agentChangeRefusal', () => {
  it('lets an agent report the status of a CI of their group', () => {
    expect(
      agentChangeRefusal(nina, 'network', { operationalStatus: 'down', version: 3 }),
    ).toBeUndefined();
  });

  it('refuses other fields, naming them, and CIs of other groups or of none', () => {
    expect(
      agentChangeRefusal(nina, 'network', { operationalStatus: 'down', name: 'x', criticality: 1 }),
    ).toMatch(/not: name, criticality/);
    expect(agentChangeRefusal(nina, 'database', { operationalStatus: 'down' })).toMatch(
      /agents of database/,
    );
    expect(agentChangeRefusal(nina, null, { operationalStatus: 'down' })).toMatch(/owner group/);
  });
});
