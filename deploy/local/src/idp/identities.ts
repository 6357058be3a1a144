import type { Role } from '@itsm/auth';

/** A person of the local identity provider: one for every role and group the platform knows. */
export interface LocalUser {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  groups: string[];
}

/** An application of the local identity provider. */
export interface LocalClient {
  id: string;
  /** Confidential clients authenticate with a secret; public ones (a browser, the CLI) use PKCE. */
  secret?: string;
  grants: Array<'authorization_code' | 'client_credentials' | 'refresh_token'>;
  redirectUris?: string[];
  /** What an integration may do when it acts as itself (client credentials). */
  roles?: Role[];
  groups?: string[];
}

/** The resolver groups that seeded agents belong to and that records are assigned to. */
export const LOCAL_GROUPS = [
  'service-desk',
  'network',
  'database',
  'cab',
  'emergency-cab',
] as const;

const user = (id: string, name: string, roles: Role[], groups: string[] = []): LocalUser => ({
  id,
  name,
  email: `${id}@itsm.local`,
  roles,
  groups,
});

/**
 * Seeded people. Everybody is also a requester (AUTH_DEFAULT_ROLES); two plain requesters exist so
 * that tests can prove one never sees the other's records.
 */
export const LOCAL_USERS: readonly LocalUser[] = [
  user('alice', 'Alice Requester', ['requester']),
  user('bob', 'Bob Requester', ['requester']),
  user('sam', 'Sam Service Desk', ['agent'], ['service-desk']),
  user('nina', 'Nina Network', ['agent'], ['network']),
  user('dan', 'Dan Database', ['agent'], ['database']),
  user('ivy', 'Ivy Incident Manager', ['incident_manager', 'agent'], ['service-desk']),
  user('paul', 'Paul Problem Manager', ['problem_manager', 'agent'], ['service-desk']),
  user('chloe', 'Chloe Change Manager', ['change_manager', 'agent'], ['cab']),
  user('carl', 'Carl CAB Member', ['cab_member', 'agent'], ['cab', 'network']),
  user('cora', 'Cora CAB Member', ['cab_member', 'agent'], ['cab', 'emergency-cab', 'database']),
  user('conor', 'Conor Configuration Manager', ['configuration_manager', 'agent'], ['database']),
  user('kate', 'Kate Catalog Manager', ['catalog_manager', 'agent'], ['service-desk']),
  user('ada', 'Ada Admin', ['admin']),
];

/**
 * Seeded applications: the console and the CLI sign people in (authorization code with PKCE); the
 * discovery and monitoring integrations act as themselves (client credentials).
 */
export const LOCAL_CLIENTS: readonly LocalClient[] = [
  {
    id: 'itsm-console',
    grants: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1:4200/callback', 'http://localhost:4200/callback'],
  },
  {
    id: 'itsm-cli',
    grants: ['authorization_code'],
    redirectUris: ['http://127.0.0.1:8765/callback'],
  },
  {
    id: 'itsm-discovery',
    secret: 'itsm-discovery-secret',
    grants: ['client_credentials'],
    roles: ['configuration_manager'],
  },
  {
    id: 'itsm-monitoring',
    secret: 'itsm-monitoring-secret',
    grants: ['client_credentials'],
    roles: ['agent'],
    groups: ['service-desk'],
  },
  {
    id: 'itsm-deployer',
    secret: 'itsm-deployer-secret',
    grants: ['client_credentials'],
    roles: ['deployer'],
  },
];

/** The password of every seeded person: this provider is for a developer's machine and tests only. */
export const LOCAL_PASSWORD = 'itsm';

export function findLocalUser(id: string): LocalUser | undefined {
  return LOCAL_USERS.find((candidate) => candidate.id === id);
}

export function findLocalClient(id: string): LocalClient | undefined {
  return LOCAL_CLIENTS.find((candidate) => candidate.id === id);
}
