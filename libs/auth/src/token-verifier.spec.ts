import { startTestIssuer, unsignedToken, type TestIssuer } from '@itsm/testing';
import { SignJWT } from 'jose';
import { DEFAULT_CLAIM_MAPPING } from './claims';
import {
  IdentityProviderUnavailableError,
  InvalidTokenError,
  TokenVerifier,
} from './token-verifier';

describe('TokenVerifier, against a JWKS served over HTTP', () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    verifier = new TokenVerifier({
      issuer: issuer.issuer,
      audience: [issuer.audience],
      jwksUrl: issuer.jwksUrl,
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 30,
      claims: DEFAULT_CLAIM_MAPPING,
    });
  });

  afterAll(() => issuer.close());

  const rejection = async (token: string) => {
    const error = await verifier.verify(token).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as Error).message;
  };

  it('accepts a valid token and returns its principal', async () => {
    const principal = await verifier.verify(
      await issuer.sign({ sub: 'sam', roles: ['agent'], groups: ['network'] }),
    );
    expect(principal).toMatchObject({ id: 'sam', kind: 'user' });
    expect([...principal.roles].sort()).toEqual(['agent', 'requester']);
  });

  it('refuses an expired token, and tolerates the configured clock skew', async () => {
    expect(await rejection(await issuer.sign({}, { expiresIn: now() - 60 }))).toMatch(/expired/);
    await expect(
      verifier.verify(await issuer.sign({}, { expiresIn: now() - 10 })),
    ).resolves.toBeDefined();
  });

  it('refuses a token that is not valid yet', async () => {
    expect(await rejection(await issuer.sign({ nbf: now() + 120 }))).toMatch(/"nbf"/);
  });

  it('refuses another issuer and another audience', async () => {
    expect(await rejection(await issuer.sign({ iss: 'https://evil.example' }))).toMatch(/"iss"/);
    expect(await rejection(await issuer.sign({ aud: 'urn:other:api' }))).toMatch(/"aud"/);
  });

  it('refuses a signature made with a key the issuer does not publish', async () => {
    expect(await rejection(await issuer.sign({}, { key: 'unpublished' }))).toMatch(/signature/);
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await issuer.sign({ roles: ['requester'] })).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        sub: 'x',
        iss: issuer.issuer,
        aud: issuer.audience,
        exp: now() + 60,
        roles: ['admin'],
      }),
    ).toString('base64url');
    expect(await rejection(`${header}.${forged}.${signature}`)).toMatch(/signature/);
  });

  it('refuses alg none', async () => {
    const token = unsignedToken({
      sub: 'x',
      iss: issuer.issuer,
      aud: issuer.audience,
      exp: now() + 60,
    });
    expect(await rejection(token)).toMatch(/algorithm|malformed/);
  });

  it('refuses a token signed with a shared secret (HS256)', async () => {
    const token = await new SignJWT({ sub: 'x', iss: issuer.issuer, aud: issuer.audience })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-secret-anyone-could-guess-0123456789'));
    expect(await rejection(token)).toMatch(/algorithm/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await issuer.sign({}, { expiresIn: null });
    expect(await rejection(token)).toMatch(/"exp"/);
  });

  it('refuses a token of another type when access-token types are configured', async () => {
    const strict = new TokenVerifier({
      issuer: issuer.issuer,
      audience: [issuer.audience],
      jwksUrl: issuer.jwksUrl,
      algorithms: ['RS256'],
      clockToleranceSeconds: 0,
      tokenTypes: ['at+jwt'],
      claims: DEFAULT_CLAIM_MAPPING,
    });
    await expect(strict.verify(await issuer.sign({ sub: 'a' }))).resolves.toMatchObject({
      id: 'a',
    });
    const idToken = await issuer.sign({ sub: 'a' }, { typ: 'JWT' });
    await expect(strict.verify(idToken)).rejects.toThrow(/not an access token/);
  });

  describe('with verified tokens remembered', () => {
    /** Only the clock moves: the key set's HTTP fetch keeps its real timers. */
    const setDate = (now: number) =>
      jest.useFakeTimers({
        now,
        doNotFake: [
          'nextTick',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'queueMicrotask',
          'hrtime',
          'performance',
        ],
      });
    afterEach(() => jest.useRealTimers());

    it('refuses a remembered token once it has expired', async () => {
      const exact = new TokenVerifier({
        issuer: issuer.issuer,
        audience: [issuer.audience],
        jwksUrl: issuer.jwksUrl,
        algorithms: ['RS256'],
        clockToleranceSeconds: 0,
        claims: DEFAULT_CLAIM_MAPPING,
      });
      const token = await issuer.sign({ sub: 'brief' }, { expiresIn: now() + 2 });
      const first = await exact.verify(token);
      await expect(exact.verify(token)).resolves.toBe(first);
      setDate(Date.now() + 3000);
      expect(
        await exact.verify(token).then(
          () => 'accepted',
          (error: Error) => error.message,
        ),
      ).toMatch(/expired/);
    });

    it('does not remember a refusal: a token refused before its nbf is accepted after it', async () => {
      const token = await issuer.sign({ sub: 'early', nbf: now() + 120 });
      expect(await rejection(token)).toMatch(/"nbf"/);
      setDate(Date.now() + 121_000);
      await expect(verifier.verify(token)).resolves.toMatchObject({ id: 'early' });
    });
  });

  it('refuses what is not a JWT at all', async () => {
    expect(await rejection('not-a-token')).toMatch(/malformed/);
  });

  it('reports a key set that answers with an HTTP error as unavailable, not as a bad token', async () => {
    const broken = new TokenVerifier({
      issuer: issuer.issuer,
      audience: [issuer.audience],
      jwksUrl: issuer.jwksUrl.replace(/\/jwks$/, '/no-such-key-set'),
      algorithms: ['RS256'],
      clockToleranceSeconds: 0,
      claims: DEFAULT_CLAIM_MAPPING,
    });
    await expect(broken.verify(await issuer.sign())).rejects.toBeInstanceOf(
      IdentityProviderUnavailableError,
    );
  });

  it('reports an unreachable issuer as unavailable, not as a bad token', async () => {
    const offline = new TokenVerifier({
      issuer: 'http://127.0.0.1:9/issuer',
      audience: ['urn:itsm:test'],
      algorithms: ['RS256'],
      clockToleranceSeconds: 0,
      claims: DEFAULT_CLAIM_MAPPING,
    });
    await expect(offline.verify(await issuer.sign())).rejects.toBeInstanceOf(
      IdentityProviderUnavailableError,
    );
  });
});
