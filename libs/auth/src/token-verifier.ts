import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthSettings } from './auth-config';
import { ClaimsError, principalFromClaims } from './claims';
import type { Principal } from './principal';
import { VerifiedTokens } from './verified-tokens';

/** The token is not one this service accepts (401). */
export class InvalidTokenError extends Error {}

/** The issuer's keys could not be fetched, so no token can be judged (503, not 401). */
export class IdentityProviderUnavailableError extends Error {}

/** How long a failed discovery is remembered, so that an outage is not a fetch per request. */
const DISCOVERY_RETRY_MS = 5000;

/**
 * Verifies bearer JWTs against the issuer's published keys: signature (asymmetric algorithms only,
 * so `none` and shared secrets are refused), issuer, audience, expiry and not-before with a small
 * clock skew. The key set is fetched on first use and again when a token names an unknown key id
 * (key rotation), at most every 30 s. A verified token's principal is remembered until the token
 * expires, for at most five minutes (`verified-tokens.ts`): the checks give the same answer for the
 * same token until then, since issuer, audience, algorithms and claim mapping are fixed per process.
 */
export class TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;
  private readonly verified = new VerifiedTokens<Principal>({
    weigh: (principal) => 1 + principal.roles.size + principal.groups.size,
  });

  constructor(private readonly settings: AuthSettings) {}

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known) return known;
    const keys = await this.keySet();
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.settings.algorithms,
        clockTolerance: this.settings.clockToleranceSeconds,
        requiredClaims: ['exp'],
      });
      const types = this.settings.tokenTypes ?? [];
      if (types.length && !types.includes(String(protectedHeader.typ ?? '').toLowerCase())) {
        throw new InvalidTokenError(
          `the token is a ${protectedHeader.typ ?? 'token without a type'}, not an access token (${types.join(', ')})`,
        );
      }
      const principal = Object.freeze(principalFromClaims(payload, this.settings.claims));
      // jwtVerify has checked that `exp` (required) is a number of seconds.
      this.verified.set(token, principal, (payload.exp as number) * 1000);
      return principal;
    } catch (error) {
      throw classify(error);
    }
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.jwksUrl().then(
      (url) => keysOrUnavailable(url),
      (error: unknown) => {
        setTimeout(() => (this.keys = undefined), DISCOVERY_RETRY_MS).unref();
        throw error;
      },
    );
    return this.keys;
  }

  private async jwksUrl(): Promise<string> {
    if (this.settings.jwksUrl) return this.settings.jwksUrl;
    const discovery = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let metadata: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      metadata = (await response.json()) as typeof metadata;
    } catch (error) {
      throw new IdentityProviderUnavailableError(
        `cannot read ${discovery}: ${(error as Error).message}`,
      );
    }
    if (metadata.issuer !== this.settings.issuer || typeof metadata.jwks_uri !== 'string') {
      throw new IdentityProviderUnavailableError(
        `${discovery} does not describe issuer ${this.settings.issuer} with a jwks_uri`,
      );
    }
    return metadata.jwks_uri;
  }
}

/**
 * The issuer's key set, where a failure to fetch it (timeout, HTTP error, not a key set) means the
 * provider is unavailable, and only "no key for this token" says something about the token.
 */
function keysOrUnavailable(url: string): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(url), {
    timeoutDuration: 5000,
    cooldownDuration: 30_000,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) throw error;
      if (error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new IdentityProviderUnavailableError(
        `cannot use the issuer's keys at ${url}: ${(error as Error).message}`,
      );
    }
  };
}

function classify(error: unknown): Error {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof ClaimsError) return new InvalidTokenError(error.message);
  if (error instanceof IdentityProviderUnavailableError) return error;
  if (error instanceof errors.JOSEError) return new InvalidTokenError(reasonOf(error));
  return new IdentityProviderUnavailableError(`cannot verify tokens: ${(error as Error).message}`);
}

function reasonOf(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `the token's "${error.claim}" claim is not accepted (${error.reason})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token is not signed with an accepted algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey)
    return "the token is not signed with the issuer's keys";
  return 'the token is malformed';
}
