export type CheckStatus = 'up' | 'down';

export interface CheckResult {
  status: CheckStatus;
  detail?: string;
  /** Reported, but a service is ready without it. */
  advisory?: true;
}

export type ReadinessCheck = () => Promise<string | void>;

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckResult>;
}

/**
 * Runs every check at once, each bounded by the timeout; ready only when all but the advisory ones
 * are up. A check signals "down" by throwing, with a message an operator can act on.
 */
export async function evaluateReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
  advisory: readonly string[] = [],
): Promise<ReadinessReport> {
  const marked = (name: string) => (advisory.includes(name) ? { advisory: true as const } : {});
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      try {
        const detail = await withTimeout(
          check(),
          timeoutMs,
          `${name} did not answer within ${timeoutMs} ms`,
        );
        return [name, { status: 'up', ...(detail ? { detail } : {}), ...marked(name) }];
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return [name, { status: 'down', detail, ...marked(name) }];
      }
    }),
  );
  const results = Object.fromEntries(entries);
  const ready = entries.every(([, result]) => result.status === 'up' || result.advisory);
  return { status: ready ? 'ready' : 'not_ready', checks: results };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}
