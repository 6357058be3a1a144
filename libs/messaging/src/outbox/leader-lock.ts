import { Client } from 'pg';

export interface LeaderLockOptions {
  /** The database the lock lives in (the service's own). */
  url?: string;
  /** Names the lock: one holder per name and database. */
  name: string;
  /** `LISTEN`ed on the lock's session while it is held. */
  channel: string;
  onNotification: () => void;
  /** The lock was held and is gone (its session died or failed a check). */
  onLost: (reason: string) => void;
}

/** Whether this session holds the advisory lock on `hashtext($1)` (a bigint key: classid, objid). */
const HOLDS_LOCK = `SELECT EXISTS (
  SELECT 1 FROM pg_locks
  WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
    AND ((classid::bigint << 32) | objid::bigint) = hashtext($1)
) AS held`;

/** A check on a socket that died without closing must not hang the relay. */
const SESSION_QUERY_TIMEOUT_MS = 5000;

/**
 * Leadership of the outbox relay: a session-level advisory lock on a connection of its own, which
 * also `LISTEN`s for new rows. The lock lives exactly as long as that session, so leadership is
 * tied to it twice: the session's 'error'/'end' events drop leadership the moment the connection
 * dies (a database restart), and `confirm()` asks the session for the lock in `pg_locks` before
 * each batch, which also catches a connection that died silently. A lost session means "not
 * leader" until the lock is taken again on a new session, which `LISTEN`s anew.
 */
export class LeaderLock {
  private session?: Client;
  private held = false;

  constructor(private readonly options: LeaderLockOptions) {}

  get isHeld(): boolean {
    return this.held;
  }

  /** Takes the lock if it is free, and then listens on the same session. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    try {
      const session = this.session ?? (await this.connect());
      const { rows } = await session.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [this.key],
      );
      if (!rows[0]?.locked) return false;
      await session.query(`LISTEN ${this.options.channel}`);
      this.held = true;
      return true;
    } catch (error) {
      await this.release();
      throw error;
    }
  }

  /** True when the lock's session answers that it still holds the lock; otherwise lets it go. */
  async confirm(): Promise<boolean> {
    const session = this.session;
    if (!this.held || !session) return false;
    try {
      const { rows } = await session.query<{ held: boolean }>(HOLDS_LOCK, [this.key]);
      if (rows[0]?.held) return true;
      this.lose(session, 'the session no longer holds the lock');
    } catch (error) {
      this.lose(session, `the lock session failed: ${(error as Error).message}`);
    }
    return false;
  }

  /** Ends the session, which releases the lock. */
  async release(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.held = false;
    await session?.end().catch(() => undefined);
  }

  private get key(): string {
    return `outbox-relay:${this.options.name}`;
  }

  private async connect(): Promise<Client> {
    const session = new Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: 5000,
      query_timeout: SESSION_QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    session.on('error', (error) => this.lose(session, `the lock session failed: ${error.message}`));
    session.on('end', () => this.lose(session, 'the lock session ended'));
    session.on('notification', () => this.options.onNotification());
    await session.connect();
    this.session = session;
    return session;
  }

  private lose(session: Client, reason: string): void {
    if (this.session !== session) return;
    const wasHeld = this.held;
    void this.release();
    if (wasHeld) this.options.onLost(reason);
  }
}
