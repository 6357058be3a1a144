import { clientAccessToken, findLocalClient, userAccessToken } from '@itsm/local-stack';
import { testAuthEnv } from './infrastructure';

const cache = new Map<string, Promise<string>>();

/**
 * An access token of a seeded user of the local identity provider (`alice`, `sam`, `ada`…), signed
 * in through the real authorization-code flow; kept for the rest of the test file.
 */
export function tokenFor(user: string): Promise<string> {
  return cached(`user:${user}`, async () => {
    const token = await userAccessToken({ issuer: testAuthEnv().AUTH_ISSUER, user });
    return token.access_token;
  });
}

/** An access token of a seeded integration (`itsm-discovery`, `itsm-monitoring`). */
export function integrationTokenFor(clientId: string): Promise<string> {
  return cached(`client:${clientId}`, async () => {
    const client = findLocalClient(clientId);
    if (!client?.secret) throw new Error(`${clientId} is not a seeded integration`);
    const token = await clientAccessToken({
      issuer: testAuthEnv().AUTH_ISSUER,
      clientId,
      clientSecret: client.secret,
    });
    return token.access_token;
  });
}

/** The Authorization header of a seeded user's request. */
export async function bearer(user: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenFor(user)}` };
}

function cached(key: string, fetchToken: () => Promise<string>): Promise<string> {
  let token = cache.get(key);
  if (!token) {
    token = fetchToken();
    token.catch(() => cache.delete(key));
    cache.set(key, token);
  }
  return token;
}
