import { z } from 'zod';

/** Thrown at start-up when the environment does not describe a runnable service. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment against a schema, reporting every missing or malformed
 * variable at once (by its variable name) so that an operator fixes them in one go.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(issue, env)));
}

function describeIssue(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const variable = issue.path.join('.');
  const raw = env[variable];
  if (raw === undefined || raw === '') return `${variable} is required: ${issue.message}`;
  return `${variable} is invalid (got ${JSON.stringify(mask(variable, raw))}): ${issue.message}`;
}

/** Secrets never reach a log, not even in an error about them. */
function mask(variable: string, value: string): string {
  if (/PASSWORD|SECRET|TOKEN|KEY/i.test(variable)) return '***';
  return redactUrl(value);
}

/** A connection URL with its password replaced by `***`, fit for a log line. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
