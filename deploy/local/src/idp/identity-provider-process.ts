import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canConnect, isProcessAlive, livePid, stopPidFileProcess, waitUntil } from '../processes';
import { workspaceRoot } from '../workspace';

export const LOCAL_AUDIENCE = 'urn:itsm:api';

export interface LocalIdentityProviderOptions {
  /** Holds the signing keys, `idp.log` and `idp.pid`. */
  baseDir: string;
  port: number;
  audience?: string;
}

/** The issuer URL of the local identity provider on its default (or ITSM_IDP_PORT) port. */
export function localIssuer(env: NodeJS.ProcessEnv = process.env): string {
  return `http://127.0.0.1:${Number(env.ITSM_IDP_PORT ?? 3100)}`;
}

/** The local OpenID Connect provider (idp/main.ts) as a background process of its own. */
export class LocalIdentityProvider {
  private readonly pidFile: string;
  readonly logFile: string;

  constructor(private readonly options: LocalIdentityProviderOptions) {
    this.pidFile = join(options.baseDir, 'idp.pid');
    this.logFile = join(options.baseDir, 'idp.log');
  }

  get issuer(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get audience(): string {
    return this.options.audience ?? LOCAL_AUDIENCE;
  }

  pid(): number | undefined {
    return livePid(this.pidFile);
  }

  isRunning(): boolean {
    return this.pid() !== undefined;
  }

  async start(): Promise<void> {
    if (this.isRunning()) return;
    if (await canConnect('127.0.0.1', this.options.port)) {
      throw new Error(`Port ${this.options.port} is taken; set ITSM_IDP_PORT or AUTH_ISSUER`);
    }
    const entry = join(workspaceRoot(), 'deploy', 'local', 'dist', 'idp', 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`);
    mkdirSync(this.options.baseDir, { recursive: true });
    const out = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [entry], {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        ITSM_IDP_PORT: String(this.options.port),
        ITSM_IDP_ISSUER: this.issuer,
        ITSM_IDP_AUDIENCE: this.audience,
        ITSM_IDP_STATE: this.options.baseDir,
      },
    });
    closeSync(out);
    if (child.pid === undefined) throw new Error('Could not start the identity provider');
    writeFileSync(this.pidFile, String(child.pid));
    child.unref();
    await waitUntil(
      `the identity provider on ${this.issuer} (log: ${this.logFile})`,
      async () => {
        if (!isProcessAlive(child.pid!)) {
          throw new Error(`The identity provider exited during start-up; see ${this.logFile}`);
        }
        return this.answers();
      },
      30_000,
      100,
    );
  }

  async stop(): Promise<void> {
    await stopPidFileProcess(this.pidFile, 10_000);
  }

  private async answers(): Promise<boolean> {
    try {
      const response = await fetch(`${this.issuer}/.well-known/openid-configuration`);
      return response.ok;
    } catch {
      return false;
    }
  }
}
