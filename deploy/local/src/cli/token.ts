/**
 * `npm run token -- <user>` prints an access token of a seeded user of the local identity provider;
 * `npm run token -- --client <id>` one of a seeded integration. For curl:
 *   curl -H "Authorization: Bearer $(npm run -s token -- sam)" http://127.0.0.1:3001/api/v1/...
 */
import { findLocalClient, findLocalUser, LOCAL_CLIENTS, LOCAL_USERS } from '../idp/identities';
import { localIssuer } from '../idp/identity-provider-process';
import { clientAccessToken, userAccessToken } from '../idp/token-client';

async function main(args: string[]): Promise<void> {
  const issuer = process.env.AUTH_ISSUER ?? localIssuer();
  const [first, second] = args;
  const client = first === '--client' ? findLocalClient(second ?? '') : undefined;
  if (client?.secret) {
    const token = await clientAccessToken({
      issuer,
      clientId: client.id,
      clientSecret: client.secret,
    });
    process.stdout.write(`${token.access_token}\n`);
  } else if (first && first !== '--client' && findLocalUser(first)) {
    const token = await userAccessToken({ issuer, user: first });
    process.stdout.write(`${token.access_token}\n`);
  } else {
    process.stderr.write(usage());
    process.exitCode = 2;
  }
}

function usage(): string {
  const users = LOCAL_USERS.map(
    (user) =>
      `  ${user.id.padEnd(8)} ${user.roles.join(', ')}${user.groups.length ? ` [${user.groups.join(', ')}]` : ''}`,
  );
  const clients = LOCAL_CLIENTS.filter((client) => client.secret).map(
    (client) => `  --client ${client.id.padEnd(16)} ${client.roles?.join(', ') ?? ''}`,
  );
  return [
    'usage: npm run token -- <user> | --client <id>',
    'users:',
    ...users,
    'integrations:',
    ...clients,
    '',
  ].join('\n');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
