import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { pinoHttpOptions } from './logging.module';

describe('the request log', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const log = pinoHttp(pinoHttpOptions({ serviceName: 'test', level: 'info' }), stream);
    server = createServer((request, response) => {
      log(request, response);
      response.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (path: string, headers: Record<string, string>) => {
    const { port } = server.address() as AddressInfo;
    const answer = httpRequest({ host: '127.0.0.1', port, path, headers });
    answer.end();
    const [response] = (await once(answer, 'response')) as [NodeJS.ReadableStream];
    response.resume();
    await once(response, 'end');
    await new Promise((resolve) => setImmediate(resolve));
  };

  it('writes neither the bearer token, the cookie nor a feed’s token, but the rest of the request', async () => {
    await get('/api/v1/calendar/feeds/f1.ics?token=feed-s3cr3t&x=1', {
      authorization: 'Bearer eyJ-s3cr3t',
      cookie: 'session=c00kie',
    });
    const line = lines.find((text) => text.includes('f1.ics'));
    expect(line).toBeDefined();
    expect(line).not.toContain('s3cr3t');
    expect(line).not.toContain('c00kie');
    const entry = JSON.parse(line!) as { service: string; req: { url: string; headers: object } };
    expect(entry.service).toBe('test');
    expect(entry.req.url).toBe('/api/v1/calendar/feeds/f1.ics?token=[REDACTED]&x=1');
    expect(entry.req.headers).toMatchObject({ authorization: '[Redacted]', cookie: '[Redacted]' });
  });

  it('writes no credential a proxy or a caller sends in the other standard header', async () => {
    await get('/api/v1/incidents?via=proxy', {
      'proxy-authorization': 'Basic cHJveHk6czNjcjN0',
    });
    const line = lines.find((text) => text.includes('via=proxy'));
    expect(line).toBeDefined();
    expect(line).not.toContain('cHJveHk6czNjcjN0');
    const entry = JSON.parse(line!) as { req: { headers: object } };
    expect(entry.req.headers).toMatchObject({ 'proxy-authorization': '[Redacted]' });
  });
});
