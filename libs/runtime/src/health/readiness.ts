export type CheckStatus = 'up' | 'down';

export interface CheckResult {
  status: CheckStatus;
  detail?: string;
}

export type ReadinessCheck = () => Promise<string | void>;

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckResult>;
}

/**
 * Runs every check at once, each bounded by the timeout; ready only when all are up. A check
 * signals "down" by throwing, with a message an operator can act on.
 */
export async function evaluateReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      try {
        const detail = await withTimeout(
          check(),
          timeoutMs,
          `${name} did not answer within ${timeoutMs} ms`,
        );
        return [name, detail ? { status: 'up', detail } : { status: 'up' }];
      } catch (error) {
        return [
          name,
          { status: 'down', detail: error instanceof Error ? error.message : String(error) },
        ];
      }
    }),
  );
  const results = Object.fromEntries(entries);
  const ready = entries.every(([, result]) => result.status === 'up');
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
