import type { IncomingMessage, ServerResponse } from 'node:http';
import type { default as OidcProvider } from 'oidc-provider';
import { findLocalUser, LOCAL_PASSWORD, LOCAL_USERS } from './identities';

const INTERACTION = /^\/interaction\/([\w-]+)(\/login)?$/;

/**
 * The provider's sign-in page: a user name and password form for the seeded people. Consent is
 * given on the user's behalf, as for any first-party application. Returns false for other paths.
 */
export async function handleInteraction(
  provider: OidcProvider,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const match = INTERACTION.exec(new URL(request.url ?? '/', 'http://idp').pathname);
  if (!match) return false;
  const interaction = await provider.interactionDetails(request, response);

  if (match[2] && request.method === 'POST') {
    const form = new URLSearchParams(await readBody(request));
    const login = form.get('username') ?? '';
    if (!findLocalUser(login) || form.get('password') !== LOCAL_PASSWORD) {
      sendLoginPage(response, interaction.uid, 'Unknown user name or wrong password', 401);
      return true;
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
    return true;
  }

  if (interaction.prompt.name === 'consent') {
    const { details } = interaction.prompt;
    const grant = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : new provider.Grant({
          accountId: interaction.session?.accountId,
          clientId: String(interaction.params.client_id),
        });
    if (!grant) throw new Error(`grant ${interaction.grantId} has expired`);
    const missingScope = details.missingOIDCScope as string[] | undefined;
    const missingClaims = details.missingOIDCClaims as string[] | undefined;
    const missingResources = details.missingResourceScopes as Record<string, string[]> | undefined;
    if (missingScope) grant.addOIDCScope(missingScope.join(' '));
    if (missingClaims) grant.addOIDCClaims(missingClaims);
    for (const [resource, scopes] of Object.entries(missingResources ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(
      request,
      response,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
    return true;
  }

  sendLoginPage(response, interaction.uid);
  return true;
}

function sendLoginPage(response: ServerResponse, uid: string, error?: string, status = 200): void {
  const users = LOCAL_USERS.map((user) => `${user.id} (${user.roles.join(', ')})`).join('<br>');
  response.statusCode = status;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ITSM local sign-in</title></head>
<body>
  <h1>ITSM local sign-in</h1>
  ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
  <form method="post" action="/interaction/${escapeHtml(uid)}/login">
    <label>User name <input name="username" autocomplete="username" autofocus required></label>
    <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Sign in</button>
  </form>
  <p>Seeded users (password "${LOCAL_PASSWORD}"):<br>${users}</p>
</body></html>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function readBody(request: IncomingMessage, limit = 16_384): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > limit) throw new Error('request body too large');
  }
  return body;
}
