import type { FieldError } from './problem';

/** Enough to show a client what to fix; a bulk body full of bad text does not need 10,000 lines. */
const MOST_REPORTED = 20;

/**
 * The fields of a request value (body, query or parameter) whose text PostgreSQL cannot store: the
 * NUL character (refused in `text` and `jsonb` alike) and unpaired UTF-16 surrogates (not Unicode,
 * refused when encoded to UTF-8). Property names are checked too, since attributes land in `jsonb`.
 * Walks with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function unstorableText(value: unknown, root = ''): FieldError[] {
  const found: FieldError[] = [];
  const pending: Visit[] = [{ value, key: root }];
  while (pending.length > 0 && found.length < MOST_REPORTED) {
    const visit = pending.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) found.push(fieldError(pathOf(visit), problem));
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push({ value: current[i], key: String(i), parent: visit });
      }
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const problem = textProblem(key);
        if (problem)
          found.push({ field: pathOf(visit) || '(body)', message: `a property name ${problem}` });
        else pending.push({ value: (current as Record<string, unknown>)[key], key, parent: visit });
      }
    }
  }
  return found;
}

/** A value to look at; its path is spelled out only for a value refused (most requests have none). */
interface Visit {
  value: unknown;
  key: string;
  parent?: Visit;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at; at = at.parent) if (at.key) keys.push(at.key);
  return keys.reverse().join('.');
}

function fieldError(path: string, problem: string): FieldError {
  return { field: path || '(body)', message: `${path.split('.').pop() || 'the body'} ${problem}` };
}

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (it holds an unpaired surrogate)';
  return undefined;
}
