import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'oidc-provider';

export interface ProviderSecrets {
  signingKeys: JWK[];
  cookieKeys: string[];
}

/**
 * The provider's signing key and cookie keys, made on first start and kept (readable by the owner
 * only), so that tokens and sessions outlive a restart of the provider.
 */
export async function loadOrCreateSecrets(file: string): Promise<ProviderSecrets> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ProviderSecrets;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };
  const secrets: ProviderSecrets = {
    signingKeys: [signingKey as JWK],
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
