/** What a secret's value becomes in a log line or a span. */
export const REDACTED = '[REDACTED]';

/**
 * Query parameters that carry a credential: a calendar feed's `token`, and the OAuth names a client
 * might put in a URL. Compared without regard to case.
 */
export const SECRET_QUERY_PARAMETERS: readonly string[] = [
  'token',
  'access_token',
  'id_token',
  'refresh_token',
  'client_secret',
  'api_key',
  'apikey',
];

const SECRETS = new Set(SECRET_QUERY_PARAMETERS.map((name) => name.toLowerCase()));

function isSecret(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: compare the name as it was sent.
  }
  return SECRETS.has(name.toLowerCase());
}

/** A query string (without its `?`) with each secret parameter's value replaced; the rest as sent. */
export function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return isSecret(name) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/** An absolute URL's scheme and user information (`user:password@`, up to the authority's last @). */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/**
 * A URL (absolute, or a path with its query as `req.url` has it) with its user name and password
 * and the values of secret query parameters replaced by `[REDACTED]`, so that it can be logged or
 * recorded in a span.
 */
export function redactUrl(url: string): string {
  const redacted = url.replace(USER_INFO, `$1${REDACTED}@`);
  const question = redacted.indexOf('?');
  if (question === -1) return redacted;
  const hash = redacted.indexOf('#', question);
  const end = hash === -1 ? redacted.length : hash;
  return `${redacted.slice(0, question + 1)}${redactQuery(redacted.slice(question + 1, end))}${redacted.slice(end)}`;
}

/** A parsed query (`req.query`) with the values of secret parameters replaced. */
export function redactQueryObject(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, isSecret(name) ? REDACTED : value]),
  );
}
