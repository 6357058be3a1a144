import type { ClientMetadata, Configuration, JWK, default as OidcProvider } from 'oidc-provider';
import { findLocalClient, findLocalUser, LOCAL_CLIENTS, type LocalClient } from './identities';

export interface IdentityProviderOptions {
  issuer: string;
  /** The resource (JWT `aud`) that the platform's access tokens are issued for. */
  audience: string;
  signingKeys: JWK[];
  cookieKeys: string[];
}

/** The scope the platform's API grants; a token for the API carries it. */
export const API_SCOPE = 'itsm';

/**
 * A real OpenID Connect provider (panva's `oidc-provider`, certified) for a developer's machine and
 * the tests: discovery, JWKS, the authorization-code grant with PKCE for people, client credentials
 * for integrations, and JWT access tokens for the API carrying `roles` and `groups`, the claims a
 * Keycloak, Entra ID or Okta deployment would be configured to emit.
 */
export async function createIdentityProvider(
  options: IdentityProviderOptions,
): Promise<OidcProvider> {
  // oidc-provider is an ES module; this process loads it once, at start.
  const { default: Provider, errors } = await import('oidc-provider');
  const accessTokenTTL = 3600;

  const configuration: Configuration = {
    clients: LOCAL_CLIENTS.map(clientMetadata),
    jwks: { keys: options.signingKeys },
    cookies: { keys: options.cookieKeys },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'offline_access', API_SCOPE],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'roles', 'groups'],
      email: ['email', 'email_verified'],
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== options.audience) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: options.audience,
            accessTokenTTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: { AccessToken: accessTokenTTL, ClientCredentials: accessTokenTTL },
    findAccount: (_ctx, id) => {
      const user = findLocalUser(id);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: () => ({
          sub: user.id,
          name: user.name,
          preferred_username: user.id,
          email: user.email,
          email_verified: true,
          roles: user.roles,
          groups: user.groups,
        }),
      };
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = token.clientId ? findLocalClient(token.clientId) : undefined;
        return { roles: client?.roles ?? [], groups: client?.groups ?? [] };
      }
      const user = token.accountId ? findLocalUser(token.accountId) : undefined;
      if (!user) return undefined;
      return {
        name: user.name,
        preferred_username: user.id,
        roles: user.roles,
        groups: user.groups,
      };
    },
  };
  return new Provider(options.issuer, configuration);
}

function clientMetadata(client: LocalClient): ClientMetadata {
  const base: ClientMetadata = {
    client_id: client.id,
    grant_types: client.grants,
    response_types: client.grants.includes('authorization_code') ? ['code'] : [],
    redirect_uris: client.redirectUris ?? [],
  };
  return client.secret
    ? { ...base, client_secret: client.secret, token_endpoint_auth_method: 'client_secret_basic' }
    : { ...base, token_endpoint_auth_method: 'none' };
}
