import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Lints `code` with the ESLint command as if it were the file at `filePath`; returns the rules it broke. */
async function brokenRules(filePath: string, code: string): Promise<string[]> {
  const lint = spawnSync(
    join(root, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', join(root, filePath), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  const [result] = JSON.parse(lint.stdout) as Array<{
    messages: Array<{ ruleId: string; message: string }>;
  }>;
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('architecture: the lint rules enforce the dependency rules', () => {
  beforeAll(() => {
    // The Nx rule reads the cached project graph; without one it silently skips every check.
    execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  }, 60_000);

  it('lets a service use the libs and the contracts', async () => {
    const rules = await brokenRules(
      'services/change/src/probe.ts',
      "import { defineService } from '@itsm/runtime';\nimport { practiceTopic } from '@itsm/contracts';\nexport const used = [defineService, practiceTopic];\n",
    );
    expect(rules).toEqual([]);
  });

  it('refuses a service importing another service by relative path', async () => {
    const rules = await brokenRules(
      'services/change/src/probe.ts',
      "import { definition } from '../../incident/src/incident.definition';\nexport const used = definition;\n",
    );
    expect(rules).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: /)]);
  });

  it('refuses a service importing another service by package name', async () => {
    const rules = await brokenRules(
      'services/change/src/probe.ts',
      "import { definition } from '@itsm/incident-service';\nexport const used = definition;\n",
    );
    expect(rules).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: .*type:service/s),
    ]);
  });

  it('refuses a lib importing a service', async () => {
    const rules = await brokenRules(
      'libs/http/src/probe.ts',
      "import { definition } from '@itsm/problem-service';\nexport const used = definition;\n",
    );
    expect(rules).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: /)]);
  });

  it('refuses contracts importing anything of ours', async () => {
    const rules = await brokenRules(
      'contracts/src/probe.ts',
      "import { loadConfig } from '@itsm/config';\nexport const used = loadConfig;\n",
    );
    expect(rules).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: /)]);
  });

  it('keeps the Kafka client inside libs/messaging', async () => {
    const code = "import { Kafka } from 'kafkajs';\nexport const used = Kafka;\n";
    expect(await brokenRules('services/catalog/src/probe.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*Only libs\/messaging talks to Kafka/),
    ]);
    expect(await brokenRules('libs/persistence/src/probe.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-imports: /),
    ]);
    expect(await brokenRules('libs/messaging/src/probe.ts', code)).toEqual([]);
  });
});

describe('architecture: domain rules stay framework-free', () => {
  const domainFile = 'services/incident/src/incidents/domain/probe.ts';
  const refused = /^no-restricted-imports: .*framework-free/;

  it.each([
    ['Nest', "import { Injectable } from '@nestjs/common';\nexport const used = Injectable;\n"],
    ['TypeORM', "import { DataSource } from 'typeorm';\nexport const used = DataSource;\n"],
    [
      'an entity',
      "import { Incident } from '../incident.entity';\nexport const used = Incident;\n",
    ],
    [
      'a DTO',
      "import { CreateIncidentDto } from '../incident.dto';\nexport const used = CreateIncidentDto;\n",
    ],
    [
      'the persistence lib',
      "import { OptimisticLock } from '@itsm/persistence';\nexport const used = OptimisticLock;\n",
    ],
  ])('refuses a domain file importing %s', async (_what, code) => {
    expect(await brokenRules(domainFile, code)).toEqual([expect.stringMatching(refused)]);
  });

  it("refuses framework imports anywhere in libs/calendar and in a lib's domain folder", async () => {
    const code = "import { Injectable } from '@nestjs/common';\nexport const used = Injectable;\n";
    expect(await brokenRules('libs/calendar/src/probe.ts', code)).toEqual([
      expect.stringMatching(refused),
    ]);
    expect(await brokenRules('libs/sla/src/domain/probe.ts', code)).toEqual([
      expect.stringMatching(refused),
    ]);
  });

  it('takes access rules from @itsm/auth/rules, not from the root that loads the Nest guard', async () => {
    const rule = (from: string) =>
      `import { canWork } from '${from}';\nexport const used = canWork;\n`;
    expect(await brokenRules(domainFile, rule('@itsm/auth'))).toEqual([
      expect.stringMatching(refused),
    ]);
    expect(await brokenRules(domainFile, rule('@itsm/auth/rules'))).toEqual([]);
  });

  it('lets a domain file use other domain files, plain libraries and the contracts', async () => {
    const code =
      "import { DateTime } from 'luxon';\nimport type { IncidentState } from './incident-states';\nimport { practiceTopic } from '@itsm/contracts';\nexport const used: [unknown, IncidentState?, unknown] = [DateTime, undefined, practiceTopic];\n";
    expect(await brokenRules(domainFile, code)).toEqual([]);
  });

  it('leaves the adapters around the domain free to use the framework', async () => {
    const code = "import { Injectable } from '@nestjs/common';\nexport const used = Injectable;\n";
    expect(await brokenRules('services/incident/src/incidents/probe.ts', code)).toEqual([]);
  });
});
