import { ConfigError, loadConfig } from '@itsm/config';
import { authEnvSchema, authSettingsFrom } from './auth-config';

const issuer = { AUTH_ISSUER: 'https://login.example.com/realms/itsm' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(authEnvSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('auth configuration', () => {
  it('defaults to asymmetric algorithms, a 30 s skew and the usual claim names', () => {
    const settings = authSettingsFrom(loadConfig(authEnvSchema, issuer));
    expect(settings).toMatchObject({
      issuer: issuer.AUTH_ISSUER,
      audience: ['urn:itsm:api'],
      clockToleranceSeconds: 30,
      claims: { userId: 'sub', roles: 'roles', groups: 'groups', defaultRoles: ['requester'] },
    });
    expect(settings.algorithms).not.toContain('none');
    expect(settings.algorithms.some((alg) => alg.startsWith('HS'))).toBe(false);
  });

  it('refuses none and shared-secret algorithms', () => {
    expect(problemsOf({ ...issuer, AUTH_ALGORITHMS: 'RS256,none' })).toEqual([
      expect.stringMatching(/^AUTH_ALGORITHMS is invalid .*never none or HS/),
    ]);
    expect(problemsOf({ ...issuer, AUTH_ALGORITHMS: 'HS256' })).toHaveLength(1);
  });

  it('parses a role map and refuses one naming an unknown role', () => {
    const config = loadConfig(authEnvSchema, {
      ...issuer,
      AUTH_ROLE_MAP: 'ITSM.Agent=agent, itsm-admins=admin',
    });
    expect(config.AUTH_ROLE_MAP).toEqual({ 'ITSM.Agent': 'agent', 'itsm-admins': 'admin' });
    expect(problemsOf({ ...issuer, AUTH_ROLE_MAP: 'ITSM.Agent=root' })).toEqual([
      expect.stringMatching(/^AUTH_ROLE_MAP is invalid/),
    ]);
  });

  it('never gives a privileged role to everybody who signs in', () => {
    expect(problemsOf({ ...issuer, AUTH_DEFAULT_ROLES: 'requester,admin' })).toEqual([
      expect.stringMatching(/^AUTH_DEFAULT_ROLES is invalid .*privileged roles/),
    ]);
  });

  it('requires the issuer and names it', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^AUTH_ISSUER is required/)]);
  });
});
