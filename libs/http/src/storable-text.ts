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
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  while (pending.length > 0 && found.length < MOST_REPORTED) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) found.push({ field: path || '(body)', message: `${nameOf(path)} ${problem}` });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push({ value: current[i], path: join(path, String(i)) });
      }
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current).reverse()) {
        const problem = textProblem(key);
        if (problem) {
          found.push({ field: path || '(body)', message: `a property name ${problem}` });
        } else {
          pending.push({ value: child, path: join(path, key) });
        }
      }
    }
  }
  return found;
}

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (it holds an unpaired surrogate)';
  return undefined;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const nameOf = (path: string) => path.split('.').pop() || 'the body';
