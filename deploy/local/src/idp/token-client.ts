import { createHash, randomBytes } from 'node:crypto';
import { LOCAL_PASSWORD } from './identities';
import { API_SCOPE } from './identity-provider';

/** A token response of an OAuth 2.0 token endpoint. */
export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
  scope?: string;
  id_token?: string;
}

interface Endpoints {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** An access token for an integration acting as itself (client credentials). */
export async function clientAccessToken(options: {
  issuer: string;
  clientId: string;
  clientSecret: string;
}): Promise<TokenResponse> {
  const { token_endpoint } = await discover(options.issuer);
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  return tokenRequest(
    token_endpoint,
    new URLSearchParams({ grant_type: 'client_credentials', scope: API_SCOPE }),
    { authorization: `Basic ${basic}` },
  );
}

/**
 * An access token for a person, obtained as a browser would: the authorization-code grant with PKCE,
 * signing in on the provider's own page. Works with the local provider's seeded users.
 */
export async function userAccessToken(options: {
  issuer: string;
  user: string;
  password?: string;
  clientId?: string;
  redirectUri?: string;
}): Promise<TokenResponse> {
  const clientId = options.clientId ?? 'itsm-cli';
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:8765/callback';
  const { authorization_endpoint, token_endpoint } = await discover(options.issuer);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: `openid profile ${API_SCOPE}`,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const browser = new CookieBrowser();
  let response = await browser.get(authorize);
  for (let step = 0; step < 10; step++) {
    const location = response.headers.get('location');
    if (location?.startsWith(redirectUri)) {
      const callback = new URL(location);
      if (callback.searchParams.get('state') !== state) throw new Error('state mismatch');
      const code = callback.searchParams.get('code');
      if (!code)
        throw new Error(`sign-in failed: ${callback.searchParams.get('error_description')}`);
      return tokenRequest(
        token_endpoint,
        new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: clientId,
          code_verifier: verifier,
        }),
      );
    }
    if (location) {
      const next = new URL(location, response.url);
      // The seeded password goes to this provider's own pages only, never where a redirect points.
      if (next.origin !== new URL(options.issuer).origin) {
        throw new Error(`sign-in redirected away from ${options.issuer} to ${next.origin}`);
      }
      response = await browser.get(next);
    } else if (response.status === 200 && response.url.includes('/interaction/')) {
      response = await browser.postForm(
        new URL(`${new URL(response.url).pathname}/login`, response.url),
        {
          username: options.user,
          password: options.password ?? LOCAL_PASSWORD,
        },
      );
    } else {
      throw new Error(
        `sign-in of ${options.user} failed: HTTP ${response.status} ${await response.text()}`,
      );
    }
  }
  throw new Error(`sign-in of ${options.user} did not finish`);
}

async function discover(issuer: string): Promise<Endpoints> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`${issuer} has no OpenID discovery document`);
  return (await response.json()) as Endpoints;
}

async function tokenRequest(
  endpoint: string,
  body: URLSearchParams,
  headers: Record<string, string> = {},
): Promise<TokenResponse> {
  const response = await fetch(endpoint, { method: 'POST', body, headers });
  const payload = (await response.json()) as TokenResponse & { error_description?: string };
  if (!response.ok) throw new Error(`token request refused: ${payload.error_description}`);
  return payload;
}

/** Just enough of a browser: follows nothing by itself, keeps the provider's cookies. */
class CookieBrowser {
  private readonly cookies = new Map<string, string>();

  get(url: URL): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  postForm(url: URL, form: Record<string, string>): Promise<Response> {
    return this.send(url, { method: 'POST', body: new URLSearchParams(form) });
  }

  private async send(url: URL, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  }
}
