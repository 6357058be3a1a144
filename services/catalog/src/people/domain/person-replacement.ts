/**
 * What a `PUT` of a person does, given the version the directory holds (undefined: nobody yet) and
 * the version the caller read (`If-Match`; undefined: write whatever is there).
 */
export type PersonReplacement =
  | { outcome: 'create' }
  | { outcome: 'replace' }
  /** If-Match names a version of a person the directory does not hold. */
  | { outcome: 'refused'; reason: 'unknown' }
  /** The person changed since the caller read them. */
  | { outcome: 'refused'; reason: 'stale'; expected: number; current: number };

export function personReplacement(
  current: number | undefined,
  expected: number | undefined,
): PersonReplacement {
  if (current === undefined) {
    return expected === undefined
      ? { outcome: 'create' }
      : { outcome: 'refused', reason: 'unknown' };
  }
  if (expected !== undefined && expected !== current) {
    return { outcome: 'refused', reason: 'stale', expected, current };
  }
  return { outcome: 'replace' };
}
