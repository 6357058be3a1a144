/** A problem+json body as the CMDB's checks throw it: a detail, and each wrong field. */
interface ProblemBody {
  detail?: unknown;
  errors?: Array<{ field?: unknown; message?: unknown }>;
}

/**
 * Why the CMDB refused a CI a requested item asked for, as one sentence that names each wrong
 * field, for the requested item to show to the people who will act on it.
 */
export function refusalReason(body: unknown, fallback: string): string {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as ProblemBody;
  const fields = (problem.errors ?? [])
    .map((e) => `${String(e.field)}: ${String(e.message)}`)
    .join('; ');
  if (fields) return fields;
  return typeof problem.detail === 'string' && problem.detail ? problem.detail : fallback;
}
