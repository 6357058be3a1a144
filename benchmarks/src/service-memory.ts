import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The resident memory (VmRSS, MiB) of the process listening on a local TCP port: a service the
 * benchmark started as a child process, found through /proc (Linux only; undefined elsewhere).
 */
export function residentMemoryOfListener(port: number): number | undefined {
  const pid = listenerPid(port);
  if (pid === undefined) return undefined;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kib === undefined ? undefined : Number(kib) / 1024;
}

/** Samples a listener's resident memory while `work` runs; resolves to the work's value and the peak. */
export async function withPeakMemory<T>(
  port: number,
  work: () => Promise<T>,
): Promise<{ value: T; peakMiB: number | undefined }> {
  let peak: number | undefined;
  const sample = () => {
    const now = residentMemoryOfListener(port);
    if (now !== undefined) peak = Math.max(peak ?? 0, now);
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const value = await work();
    sample();
    return { value, peakMiB: peak };
  } finally {
    clearInterval(timer);
  }
}

export function mib(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${Math.round(value)} MiB`;
}

const pids = new Map<number, number>();

function listenerPid(port: number): number | undefined {
  const known = pids.get(port);
  if (known !== undefined && isAlive(known)) return known;
  const inode = listeningInode(port);
  if (inode === undefined) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) {
          pids.set(port, Number(entry));
          return Number(entry);
        }
      }
    } catch {
      // A process that ended meanwhile, or one we may not look into.
    }
  }
  return undefined;
}

function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // local_address is ip:port; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') return fields[9];
    }
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/status`);
    return true;
  } catch {
    return false;
  }
}
