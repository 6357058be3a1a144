import { DEFAULT_CLAIM_MAPPING, principalFromClaims, type ClaimMapping } from './claims';

const mapping = (overrides: Partial<ClaimMapping> = {}): ClaimMapping => ({
  ...DEFAULT_CLAIM_MAPPING,
  ...overrides,
});

describe('principalFromClaims', () => {
  it('reads the local provider (and Okta-style) roles and groups claims', () => {
    const principal = principalFromClaims(
      {
        sub: 'sam',
        name: 'Sam',
        roles: ['agent'],
        groups: ['service-desk'],
        client_id: 'itsm-cli',
      },
      mapping(),
    );
    expect(principal).toEqual({
      id: 'sam',
      kind: 'user',
      name: 'Sam',
      roles: new Set(['agent', 'requester']),
      groups: new Set(['service-desk']),
    });
  });

  it('reads Keycloak realm roles from a nested claim', () => {
    const principal = principalFromClaims(
      { sub: 'u-1', realm_access: { roles: ['incident_manager', 'offline_access'] }, groups: [] },
      mapping({ roles: 'realm_access.roles' }),
    );
    expect([...principal.roles].sort()).toEqual(['incident_manager', 'requester']);
  });

  it('maps Entra ID app roles and Okta groups to platform roles', () => {
    const principal = principalFromClaims(
      { oid: 'a1b2', roles: ['ITSM.ChangeManager'], groups: ['itsm-admins', 'network'] },
      mapping({
        userId: 'oid',
        roleMap: { 'ITSM.ChangeManager': 'change_manager', 'itsm-admins': 'admin' },
      }),
    );
    expect(principal.id).toBe('a1b2');
    expect([...principal.roles].sort()).toEqual(['admin', 'change_manager', 'requester']);
    expect([...principal.groups]).toEqual(['itsm-admins', 'network']);
  });

  it('ignores role names it does not know instead of guessing', () => {
    const principal = principalFromClaims(
      { sub: 'x', roles: ['superuser', 'Admin', 'agent'] },
      mapping({ defaultRoles: [] }),
    );
    expect([...principal.roles]).toEqual(['agent']);
  });

  it('takes only mapped role names in strict mode', () => {
    const principal = principalFromClaims(
      { sub: 'x', realm_access: { roles: ['admin', 'itsm-agent'] } },
      mapping({
        roles: 'realm_access.roles',
        roleMap: { 'itsm-agent': 'agent' },
        strictRoleMap: true,
        defaultRoles: [],
      }),
    );
    expect([...principal.roles]).toEqual(['agent']);
  });

  it('accepts a space-separated roles claim', () => {
    const principal = principalFromClaims(
      { sub: 'x', roles: 'agent cab_member' },
      mapping({ defaultRoles: [] }),
    );
    expect([...principal.roles]).toEqual(['agent', 'cab_member']);
  });

  it('gives default roles to people, not to integrations acting as themselves', () => {
    const principal = principalFromClaims(
      { sub: 'itsm-discovery', client_id: 'itsm-discovery', roles: ['configuration_manager'] },
      mapping(),
    );
    expect(principal.kind).toBe('client');
    expect([...principal.roles]).toEqual(['configuration_manager']);
  });

  it('recognises Entra ID and Auth0 application tokens as integrations', () => {
    const entra = principalFromClaims(
      { oid: 'svc-1', idtyp: 'app', azp: 'discovery-app', roles: ['ITSM.Discovery'] },
      mapping({
        userId: 'oid',
        clientId: 'azp',
        roleMap: { 'ITSM.Discovery': 'configuration_manager' },
      }),
    );
    expect(entra.kind).toBe('client');
    expect([...entra.roles]).toEqual(['configuration_manager']);
    const auth0 = principalFromClaims({ sub: 'abc@clients', gty: 'client-credentials' }, mapping());
    expect(auth0.kind).toBe('client');
    expect(auth0.roles.size).toBe(0);
  });

  it('treats a Keycloak service account holding an integration role as an integration, without default roles', () => {
    const deployer = principalFromClaims(
      {
        sub: '5f0c1d2e-service-account-uuid',
        azp: 'itsm-deployer',
        preferred_username: 'service-account-itsm-deployer',
        realm_access: { roles: ['deployer', 'offline_access'] },
      },
      mapping({ roles: 'realm_access.roles', clientId: 'azp' }),
    );
    expect(deployer.kind).toBe('client');
    expect([...deployer.roles]).toEqual(['deployer']);
  });

  it('never gives default roles to a principal holding an integration role, whatever else it holds', () => {
    const principal = principalFromClaims(
      { sub: 'pipeline', roles: ['deployer', 'agent'] },
      mapping(),
    );
    expect(principal.kind).toBe('client');
    expect([...principal.roles].sort()).toEqual(['agent', 'deployer']);
  });

  it('refuses a token that does not name its subject', () => {
    expect(() => principalFromClaims({ roles: ['admin'] }, mapping())).toThrow(/"sub" claim/);
  });
});
