import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The CPU time (user + system, seconds) processes have used so far, from /proc (Linux only). */
export function cpuSecondsOf(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A process that ended meanwhile.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** The processes whose command is `name` (e.g. every PostgreSQL backend: `postgres`). */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The process whose environment sets `variable=value` (a service started with its HTTP_PORT). */
export function pidWithEnvironment(variable: string, value: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environment.includes(`${variable}=${value}`)) return Number(entry);
    } catch {
      // A process that ended meanwhile, or one we may not look into.
    }
  }
  return undefined;
}

/**
 * CPU milliseconds per unit of work of each group of processes while `work` runs: a process' share
 * of a load, measured from outside it. A process started meanwhile (a new database connection)
 * counts from its start.
 */
export async function cpuPerUnit<T>(
  groups: Record<string, () => number[]>,
  work: () => Promise<T>,
  units: (value: T) => number,
): Promise<{ value: T; msPerUnit: Record<string, number> }> {
  const before = new Map<number, number>();
  for (const list of Object.values(groups))
    for (const pid of list()) before.set(pid, cpuSecondsOf([pid]));
  const value = await work();
  const n = units(value);
  const msPerUnit: Record<string, number> = {};
  for (const [name, list] of Object.entries(groups)) {
    let seconds = 0;
    for (const pid of list()) seconds += cpuSecondsOf([pid]) - (before.get(pid) ?? 0);
    msPerUnit[name] = (seconds * 1000) / n;
  }
  return { value, msPerUnit };
}
