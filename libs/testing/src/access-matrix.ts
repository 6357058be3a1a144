import { DEFAULT_CLAIM_MAPPING, type Role } from '@itsm/auth';
import { LOCAL_CLIENTS, LOCAL_USERS } from '@itsm/local-stack';
import { integrationTokenFor, tokenFor } from './tokens';

/** One endpoint and the roles that may call it (`admin` always may). */
export interface EndpointAccess {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A concrete URL of the route, e.g. `/api/v1/incidents/INC0000001`. */
  url: string;
  payload?: object;
  allow: readonly Role[];
}

export interface AccessResponse {
  statusCode: number;
}

export type SendRequest = (request: {
  method: EndpointAccess['method'];
  url: string;
  payload?: object;
  headers: Record<string, string>;
}) => Promise<AccessResponse>;

/** A caller of the matrix: every seeded person and integration of the local provider. */
interface Caller {
  name: string;
  token: () => Promise<string>;
  roles: readonly Role[];
}

/**
 * The matrix's own reading of the rule, written apart from the guard's so that a bug in one is caught
 * by the other: one of the listed roles, or admin; nobody when none is listed.
 */
function mayCall(roles: readonly Role[], allow: readonly Role[]): boolean {
  return (
    allow.length > 0 && (roles.includes('admin') || allow.some((role) => roles.includes(role)))
  );
}

function callers(): Caller[] {
  const people = LOCAL_USERS.map((user) => ({
    name: user.id,
    token: () => tokenFor(user.id),
    roles: [...user.roles, ...DEFAULT_CLAIM_MAPPING.defaultRoles],
  }));
  const integrations = LOCAL_CLIENTS.filter((client) => client.secret).map((client) => ({
    name: client.id,
    token: () => integrationTokenFor(client.id),
    roles: client.roles ?? [],
  }));
  return [...people, ...integrations];
}

/**
 * Calls every endpoint as nobody and as every seeded person and integration, and returns each
 * answer that breaks the matrix: no token must get 401; a caller without an allowed role must get
 * 403; a caller with one must get neither. Services' tests assert the result is empty.
 */
export async function accessMatrixViolations(
  send: SendRequest,
  matrix: readonly EndpointAccess[],
): Promise<string[]> {
  const violations: string[] = [];
  for (const endpoint of matrix) {
    const route = `${endpoint.method} ${endpoint.url}`;
    const anonymous = await send({ ...endpoint, headers: {} });
    if (anonymous.statusCode !== 401) {
      violations.push(`${route} without a token: ${anonymous.statusCode}, expected 401`);
    }
    for (const caller of callers()) {
      const allowed = mayCall(caller.roles, endpoint.allow);
      const { statusCode } = await send({
        ...endpoint,
        headers: { authorization: `Bearer ${await caller.token()}` },
      });
      const refused = statusCode === 401 || statusCode === 403;
      if (allowed && (refused || statusCode >= 500)) {
        violations.push(`${route} as ${caller.name}: ${statusCode}, expected access`);
      } else if (!allowed && statusCode !== 403) {
        violations.push(`${route} as ${caller.name}: ${statusCode}, expected 403`);
      }
    }
  }
  return violations;
}

/**
 * Routes of an OpenAPI document that the matrix does not cover, so that a new endpoint cannot
 * escape the access tests. `{id}`-style parameters match any one path segment.
 */
export function routesMissingFromMatrix(
  document: { paths: Record<string, Record<string, unknown>> },
  matrix: readonly EndpointAccess[],
): string[] {
  const missing: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^${escaped.replace(/\{[^}]+\}/g, '[^/]+')}(\\?.*)?$`);
    for (const method of Object.keys(operations)) {
      const covered = matrix.some(
        (endpoint) => endpoint.method === method.toUpperCase() && pattern.test(endpoint.url),
      );
      if (!covered) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing;
}
