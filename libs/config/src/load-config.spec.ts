import { z } from 'zod';
import { env } from './env-types';
import { ConfigError, loadConfig, redactUrl } from './load-config';

const schema = z.object({
  DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.hostPortList(),
  HTTP_PORT: env.port(3000),
  MIGRATIONS_RUN: env.boolean(true),
  LOG_LEVEL: env.logLevel(),
});

function problemsOf(input: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(schema, input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('parses a valid environment and applies defaults', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgres://itsm:itsm@127.0.0.1:5432/itsm_incident',
      KAFKA_BROKERS: '127.0.0.1:9092, kafka-1:9092',
    });
    expect(config).toEqual({
      DATABASE_URL: 'postgres://itsm:itsm@127.0.0.1:5432/itsm_incident',
      KAFKA_BROKERS: ['127.0.0.1:9092', 'kafka-1:9092'],
      HTTP_PORT: 3000,
      MIGRATIONS_RUN: true,
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing variable at once', () => {
    const problems = problemsOf({});
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^KAFKA_BROKERS is required/),
    ]);
  });

  it('names each malformed variable with what it expects', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root@db/x',
      KAFKA_BROKERS: 'kafka',
      HTTP_PORT: '99999',
      MIGRATIONS_RUN: 'maybe',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/DATABASE_URL is invalid .*must start with postgres:\/\//);
    expect(problems[1]).toMatch(/KAFKA_BROKERS is invalid .*host:port/);
    expect(problems[2]).toMatch(
      /HTTP_PORT is invalid \(got "99999"\): must be between 1 and 65535/,
    );
    expect(problems[3]).toMatch(/MIGRATIONS_RUN is invalid .*one of true, false/);
    expect(problems[4]).toMatch(/LOG_LEVEL is invalid .*one of fatal/);
  });

  it('never repeats a password in its message', () => {
    const problems = problemsOf({
      DATABASE_URL: 'postgres://itsm:s3cret@db:notaport/x',
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    expect(problems.join('\n')).not.toContain('s3cret');
  });

  it('redacts the password of a connection URL', () => {
    expect(redactUrl('postgres://itsm:s3cret@db:5432/x')).toBe('postgres://itsm:***@db:5432/x');
  });
});
