import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot, type ServiceProcess } from '@itsm/local-stack';
import { E2eRun, tokenFor } from '@itsm/testing';

jest.setTimeout(600_000);

const FUZZED = ['configuration', 'incident', 'change', 'problem', 'catalog'] as const;
/** A fixed seed keeps `npm test` repeatable; ITSM_FUZZ_SEED sets another to explore further. */
const SEED = process.env.ITSM_FUZZ_SEED ?? '20261201';
const MAX_SECONDS = process.env.ITSM_FUZZ_SECONDS ?? '60';

/**
 * schemathesis against each service's own OpenAPI document, as an integrator's generated client or
 * an attacker would call it, with a token that may do everything, on throwaway databases and topics:
 * no server error, no answer outside its documented statuses, content types, headers and schemas, and
 * nothing the document forbids accepted. The settings are e2e/fuzzing/schemathesis.toml.
 */
describe('every service against its OpenAPI document (schemathesis)', () => {
  const e2e = new E2eRun('fuzz');
  const services = new Map<string, ServiceProcess>();

  beforeAll(async () => {
    for (const name of FUZZED) services.set(name, await e2e.service(name));
    for (const service of services.values()) service.start();
    await Promise.all([...services.values()].map((service) => service.waitUntilReady(120_000)));
  });

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.stop()));
    await e2e.cleanUp();
  });

  it.each(FUZZED)('%s answers every generated request as its document says', async (name) => {
    const service = services.get(name)!;
    const { code, output } = await schemathesis(`${service.url}/api/v1/openapi.json`, {
      ITSM_FUZZ_TOKEN: await tokenFor('ada'),
    });
    // The whole report on failure: each failure with its curl command to reproduce it.
    expect({ code, output: code === 0 ? 'passed' : output }).toEqual({ code: 0, output: 'passed' });
    expect(output).toMatch(/test cases:\s+\d+ generated/i);
  });
});

function schemathesis(
  url: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const root = workspaceRoot();
  const child = spawn(
    join(root, '.local', 'tools', 'schemathesis', 'bin', 'schemathesis'),
    [
      '--config-file',
      join(root, 'e2e', 'fuzzing', 'schemathesis.toml'),
      'run',
      url,
      '--seed',
      SEED,
      '--max-time',
      MAX_SECONDS,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
