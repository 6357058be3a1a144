import { z } from 'zod';

/** Building blocks for environment schemas: each explains in its message what it expects. */
export const env = {
  port: (fallback: number) =>
    z.coerce
      .number({ message: 'must be a TCP port number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(fallback),

  positiveInt: (fallback: number) =>
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .positive('must be greater than 0')
      .default(fallback),

  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], {
        message: 'must be one of true, false, 1, 0, yes, no',
      })
      .default(fallback ? 'true' : 'false')
      .transform((value) => ['true', '1', 'yes'].includes(value)),

  postgresUrl: () =>
    z
      .string({ message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/db' })
      .url('must be a URL such as postgres://user:password@host:5432/db')
      .refine(
        (value) => /^postgres(ql)?:\/\//.test(value),
        'must start with postgres:// or postgresql://',
      ),

  /** A comma-separated list of host:port pairs. */
  hostPortList: () =>
    z
      .string({ message: 'must be a comma-separated list of host:port' })
      .transform((value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .refine(
        (items) => items.length > 0 && items.every((item) => /^[^\s:]+:\d{1,5}$/.test(item)),
        'must be a comma-separated list of host:port, e.g. kafka-0:9092,kafka-1:9092',
      ),

  /** An http(s) URL. */
  httpUrl: () =>
    z
      .string({ message: 'must be an http(s) URL' })
      .url('must be an http(s) URL such as https://login.example.com/realms/itsm')
      .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://'),

  /** A comma-separated list of non-empty items. */
  list: (fallback?: readonly string[]) =>
    (fallback ? z.string().default(fallback.join(',')) : z.string())
      .transform((value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .refine((items) => items.length > 0, 'must be a comma-separated list with at least one item'),

  logLevel: () =>
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
};
