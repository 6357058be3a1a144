import { existsSync, mkdirSync, readdirSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { canConnect, isRoot, run, which } from './processes';

export interface PostgresServerOptions {
  /** Holds `data/` and `server.log`; owned by the `postgres` user when we run as root. */
  baseDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Serve TLS with a self-signed certificate for 127.0.0.1 (`certificateFile`), to test clients. */
  tls?: boolean;
}

/** The superuser and password of a local server; never used outside this machine. */
export const LOCAL_POSTGRES_CREDENTIALS = { user: 'itsm', password: 'itsm' } as const;

/**
 * A PostgreSQL server from Debian's binaries, with its data in a folder of ours. PostgreSQL refuses
 * to run as root, so as root every command runs as the `postgres` user that Debian's package creates.
 */
export class PostgresServer {
  readonly port: number;
  readonly user: string;
  private readonly password: string;
  private readonly dataDir: string;
  private readonly logFile: string;

  constructor(private readonly options: PostgresServerOptions) {
    this.port = options.port;
    this.user = options.user ?? LOCAL_POSTGRES_CREDENTIALS.user;
    this.password = options.password ?? LOCAL_POSTGRES_CREDENTIALS.password;
    this.dataDir = join(options.baseDir, 'data');
    this.logFile = join(options.baseDir, 'server.log');
  }

  /** A URL for one database on this server. */
  url(database = 'postgres'): string {
    return `postgres://${this.user}:${this.password}@127.0.0.1:${this.port}/${database}`;
  }

  /** The server's self-signed certificate: the root a `verify-full` client trusts. */
  get certificateFile(): string {
    return join(this.options.baseDir, 'server.crt');
  }

  get log(): string {
    return this.logFile;
  }

  async isRunning(): Promise<boolean> {
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) return false;
    try {
      await this.pg('pg_ctl', ['status', '-D', this.dataDir]);
      return true;
    } catch {
      return false;
    }
  }

  /** Creates the cluster on first use, then starts it and waits until it accepts connections. */
  async start(): Promise<void> {
    if (await this.isRunning()) return;
    if (await canConnect('127.0.0.1', this.port)) {
      throw new Error(
        `Port ${this.port} is taken by another process; set ITSM_POSTGRES_PORT or DATABASE_URL`,
      );
    }
    await this.initialize();
    const tls = this.options.tls ? await this.tlsSettings() : '';
    await this.pg('pg_ctl', [
      'start',
      '-D',
      this.dataDir,
      '-l',
      this.logFile,
      '-w',
      '-t',
      '60',
      '-o',
      // pg_stat_statements (Debian's server package ships it) so that a benchmark can read where
      // the database's time goes: `CREATE EXTENSION pg_stat_statements` in the database to read.
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dataDir} -c max_connections=300` +
        ` -c shared_preload_libraries=pg_stat_statements${tls}`,
    ]);
  }

  private async tlsSettings(): Promise<string> {
    const key = join(this.options.baseDir, 'server.key');
    if (!existsSync(key)) {
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '30',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        this.certificateFile,
      ]);
      chmodSync(key, 0o600);
      if (isRoot()) await run('chown', ['postgres:postgres', key, this.certificateFile]);
    }
    return ` -c ssl=on -c ssl_cert_file=${this.certificateFile} -c ssl_key_file=${key}`;
  }

  async stop(): Promise<void> {
    if (!(await this.isRunning())) return;
    await this.pg('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w', '-t', '60']);
  }

  /** Stops the server and deletes its data. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.options.baseDir, { recursive: true, force: true });
  }

  private async initialize(): Promise<void> {
    if (existsSync(join(this.dataDir, 'PG_VERSION'))) return;
    mkdirSync(this.options.baseDir, { recursive: true });
    const passwordFile = join(this.options.baseDir, '.initdb-password');
    writeFileSync(passwordFile, `${this.password}\n`, { mode: 0o600 });
    if (isRoot()) await run('chown', ['-R', 'postgres:postgres', this.options.baseDir]);
    try {
      await this.pg('initdb', [
        '-D',
        this.dataDir,
        '-U',
        this.user,
        `--pwfile=${passwordFile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ]);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  private pg(program: string, args: string[]) {
    const binary = join(postgresBinDir(), program);
    if (isRoot()) return run('runuser', ['-u', 'postgres', '--', binary, ...args]);
    return run(binary, args);
  }
}

/** The newest PostgreSQL installed by Debian's packages, or `PG_BIN_DIR`. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin');
  const pgCtl = which('pg_ctl');
  if (pgCtl) return pgCtl.replace(/\/pg_ctl$/, '');
  throw new Error(
    'No PostgreSQL server binaries found: install Debian\'s "postgresql" package ' +
      '(scripts/install-prerequisites.sh does), set PG_BIN_DIR, or point DATABASE_URL at a server.',
  );
}

/** Whether the `postgres` user can reach a folder (it cannot below a private home directory). */
export async function postgresUserCanUse(dir: string): Promise<boolean> {
  if (!isRoot()) return true;
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  try {
    await run('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]);
    return true;
  } catch {
    return false;
  }
}
