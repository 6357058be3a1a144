/**
 * The local identity provider process, started by `npm start` and the tests (see
 * identity-provider-process.ts): ITSM_IDP_PORT, ITSM_IDP_ISSUER, ITSM_IDP_AUDIENCE, ITSM_IDP_STATE.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { localStateDir } from '../workspace';
import { createIdentityProvider } from './identity-provider';
import { handleInteraction } from './login-interaction';
import { loadOrCreateSecrets } from './signing-keys';

async function main(): Promise<void> {
  const port = Number(process.env.ITSM_IDP_PORT ?? 3100);
  const issuer = process.env.ITSM_IDP_ISSUER ?? `http://127.0.0.1:${port}`;
  const stateDir = process.env.ITSM_IDP_STATE ?? join(localStateDir(), 'idp');
  const secrets = await loadOrCreateSecrets(join(stateDir, 'secrets.json'));
  const provider = await createIdentityProvider({
    issuer,
    audience: process.env.ITSM_IDP_AUDIENCE ?? 'urn:itsm:api',
    ...secrets,
  });
  provider.on('server_error', (_ctx, error) => console.error('server_error', error));
  const oidc = provider.callback();

  const server = createServer((request, response) => {
    handleInteraction(provider, request, response)
      .then((handled) => {
        if (!handled) oidc(request, response);
      })
      .catch((error: unknown) => {
        console.error(error);
        if (!response.headersSent) {
          response.statusCode = 400;
          response.setHeader('content-type', 'text/plain; charset=utf-8');
          response.setHeader('x-content-type-options', 'nosniff');
        }
        response.end('The sign-in could not continue; start again from the application.');
      });
  });
  server.listen(port, '127.0.0.1', () => console.log(`identity provider ${issuer} listening`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
