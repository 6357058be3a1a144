import { startDisposablePostgres } from '@itsm/testing';
import { createServiceDataSource } from './data-source';
import { ensureDatabase } from './ensure-database';

jest.setTimeout(120_000);

/** TLS to PostgreSQL is configured in DATABASE_URL, the libpq way: sslmode and sslrootcert. */
describe('PostgreSQL over TLS', () => {
  let server: Awaited<ReturnType<typeof startDisposablePostgres>>;

  beforeAll(async () => {
    server = await startDisposablePostgres({ tls: true });
  });

  afterAll(async () => {
    await server?.destroy();
  });

  const tlsUrl = (database: string, host = '127.0.0.1') => {
    const url = new URL(server.url(database));
    url.hostname = host;
    url.search = new URLSearchParams({
      sslmode: 'verify-full',
      sslrootcert: server.certificateFile,
    }).toString();
    return url.toString();
  };

  it("creates the service's database and connects with a verified certificate", async () => {
    expect(await ensureDatabase(tlsUrl('itsm_tls'))).toBe('created');
    const dataSource = createServiceDataSource({
      url: tlsUrl('itsm_tls'),
      applicationName: 'tls-test',
      entities: [],
      migrations: [],
    });
    await dataSource.initialize();
    try {
      const [row] = await dataSource.query(
        'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(row).toMatchObject({ ssl: true, version: expect.stringMatching(/^TLS/) });
    } finally {
      await dataSource.destroy();
    }
  });

  it('refuses a server whose certificate does not name the host it was asked for', async () => {
    await expect(ensureDatabase(tlsUrl('itsm_tls', 'localhost'))).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });
});
