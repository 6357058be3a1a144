import { env, z } from '@itsm/config';
import { DEFAULT_CLAIM_MAPPING, type ClaimMapping } from './claims';
import { INTEGRATION_ROLES, isRole, ROLES, type Role } from './roles';

/** Signature algorithms with a public key: a token signed with a shared secret is never accepted. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/** Roles that may be given to everybody who signs in: never a manager's or admin. */
const UNPRIVILEGED_ROLES: readonly Role[] = ['requester', 'agent', 'cab_member'];

const defaultRoleList = (fallback: readonly string[]) =>
  env
    .list(fallback)
    .refine(
      (items) => items.every((item) => isRole(item) && UNPRIVILEGED_ROLES.includes(item)),
      `must name roles among ${UNPRIVILEGED_ROLES.join(', ')} (privileged roles come from the identity provider)`,
    )
    .transform((items) => items as Role[]);

/** How a service verifies bearer tokens: which issuer, for which audience, and where its claims are. */
export const authEnvSchema = z.object({
  AUTH_ISSUER: env.httpUrl(),
  AUTH_AUDIENCE: env.list(['urn:itsm:api']),
  /** Defaults to the `jwks_uri` of the issuer's OpenID discovery document. */
  AUTH_JWKS_URL: env.httpUrl().optional(),
  AUTH_ALGORITHMS: env
    .list(ASYMMETRIC_ALGORITHMS)
    .refine(
      (items) => items.every((alg) => (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)),
      `must name asymmetric algorithms among ${ASYMMETRIC_ALGORITHMS.join(', ')} (never none or HS*)`,
    ),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 300')
    .max(300, 'must be between 0 and 300')
    .default(30),
  AUTH_CLAIM_USER_ID: z.string().min(1).default(DEFAULT_CLAIM_MAPPING.userId),
  AUTH_CLAIM_NAME: z.string().min(1).default(DEFAULT_CLAIM_MAPPING.name),
  AUTH_CLAIM_ROLES: z.string().min(1).default(DEFAULT_CLAIM_MAPPING.roles),
  AUTH_CLAIM_GROUPS: z.string().min(1).default(DEFAULT_CLAIM_MAPPING.groups),
  AUTH_CLAIM_CLIENT_ID: z.string().min(1).default(DEFAULT_CLAIM_MAPPING.clientId),
  /** `provider-name=role` pairs, comma-separated, e.g. `ITSM.Agent=agent,itsm-admins=admin`. */
  AUTH_ROLE_MAP: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => pair.split('=').map((part) => part.trim())),
    )
    .refine(
      (pairs) =>
        pairs.every(([from, to, extra]) => from && to && extra === undefined && isRole(to)),
      `must be provider-name=role pairs, e.g. ITSM.Agent=agent; roles: ${[...ROLES, ...INTEGRATION_ROLES].join(', ')}`,
    )
    .transform((pairs) => Object.fromEntries(pairs) as Record<string, Role>),
  AUTH_DEFAULT_ROLES: defaultRoleList(DEFAULT_CLAIM_MAPPING.defaultRoles),
  /** Only role names the role map maps are taken: a realm role that happens to be called `admin` is not. */
  AUTH_ROLE_MAP_STRICT: env.boolean(false),
  /**
   * The token `typ` headers accepted, e.g. `at+jwt` (RFC 9068): refuses ID tokens whose audience is
   * the API. Empty accepts any (Entra ID and Keycloak access tokens say `JWT`).
   */
  AUTH_TOKEN_TYPES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    ),
});
export type AuthEnv = z.infer<typeof authEnvSchema>;

export interface AuthSettings {
  issuer: string;
  audience: string[];
  jwksUrl?: string;
  algorithms: string[];
  /** Accepted `typ` headers, lower case; empty accepts any. */
  tokenTypes?: string[];
  clockToleranceSeconds: number;
  claims: ClaimMapping;
}

export function authSettingsFrom(config: AuthEnv): AuthSettings {
  return {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
    algorithms: config.AUTH_ALGORITHMS,
    tokenTypes: config.AUTH_TOKEN_TYPES,
    clockToleranceSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
    claims: {
      userId: config.AUTH_CLAIM_USER_ID,
      name: config.AUTH_CLAIM_NAME,
      roles: config.AUTH_CLAIM_ROLES,
      groups: config.AUTH_CLAIM_GROUPS,
      clientId: config.AUTH_CLAIM_CLIENT_ID,
      roleMap: config.AUTH_ROLE_MAP,
      strictRoleMap: config.AUTH_ROLE_MAP_STRICT,
      defaultRoles: config.AUTH_DEFAULT_ROLES,
    },
  };
}
