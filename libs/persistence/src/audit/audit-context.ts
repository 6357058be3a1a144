import { AsyncLocalStorage } from 'node:async_hooks';

export interface AuditActor {
  /** A user id, or the name of a data source or process, e.g. `system:sla-timer`. */
  actor: string;
}

const storage = new AsyncLocalStorage<AuditActor>();

/** Runs `work` with `actor` recorded as the author of every audited change it makes. */
export function withAuditActor<T>(actor: string, work: () => T): T {
  return storage.run({ actor }, work);
}

export function currentAuditActor(): string {
  return storage.getStore()?.actor ?? 'system';
}
