import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/**
 * A token issuer for tests of token verification: its public key is served as a JWKS over real
 * HTTP, and it signs whatever claims a test needs, including ones a real provider never would
 * (expired, another audience, a key it does not publish).
 */
export interface TestIssuer {
  issuer: string;
  jwksUrl: string;
  audience: string;
  /** A token signed with the published key; claims default to a valid one for `sub`. */
  sign(
    claims?: JWTPayload,
    options?: {
      /** `null`: a token without `exp`. */
      expiresIn?: string | number | null;
      key?: 'published' | 'unpublished';
      /** The `typ` header; `at+jwt` (an access token) by default. */
      typ?: string;
    },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startTestIssuer(audience = 'urn:itsm:test'): Promise<TestIssuer> {
  const published = await newKey();
  const unpublished = { ...(await newKey()), kid: published.kid };
  const jwks = {
    keys: [
      { ...(await exportJWK(published.publicKey)), kid: published.kid, alg: 'RS256', use: 'sig' },
    ],
  };

  const server: Server = createServer((request, response) => {
    if (request.url !== '/jwks') {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer: `${base}/issuer`,
    jwksUrl: `${base}/jwks`,
    audience,
    async sign(claims = {}, options = {}) {
      const key = options.key === 'unpublished' ? unpublished : published;
      const jwt = new SignJWT({ sub: 'test-user', iss: `${base}/issuer`, aud: audience, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: options.typ ?? 'at+jwt' })
        .setIssuedAt();
      if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '5m');
      return jwt.sign(key.privateKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

/** A token with `alg: none`: claims anyone could write, with no signature at all. */
export function unsignedToken(claims: JWTPayload): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

async function newKey(): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; kid: string }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, publicKey, kid: randomUUID() };
}
