import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import { isProbePath } from '../probes';
import { redactQueryObject, redactUrl } from '../redaction/redact-url';

export interface LoggingOptions {
  serviceName: string;
  level: string;
}

/** A request as pino's standard serializer wrote it, before ours. */
interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
}

/**
 * pino-http's settings: JSON lines, the service named on each, no probes, and no credential: the
 * authorization, proxy-authorization and cookie headers are removed, secret query parameters (a
 * calendar feed's `token`) replaced in the URL. pino's `redact` takes paths, not patterns inside a
 * value, so the URL is rewritten by a request serializer.
 */
export function pinoHttpOptions(options: LoggingOptions): Options {
  return {
    level: options.level,
    base: { service: options.serviceName },
    messageKey: 'message',
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { req: redactRequest },
    redact: [
      'req.headers.authorization',
      'req.headers["proxy-authorization"]',
      'req.headers.cookie',
    ],
    autoLogging: { ignore: isProbe },
  };
}

/**
 * JSON lines through pino; the OpenTelemetry pino instrumentation adds `trace_id` and `span_id`
 * to every line written inside a span. Credentials are never logged (`pinoHttpOptions`).
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: pinoHttpOptions(options) })],
      exports: [LoggerModule],
    };
  }
}

/** pino-http hands each log line a fresh copy of the request, which this may change. */
function redactRequest(request: SerializedRequest): SerializedRequest {
  if (typeof request.url === 'string') request.url = redactUrl(request.url);
  if (request.query && typeof request.query === 'object') {
    request.query = redactQueryObject(request.query);
  }
  return request;
}

/** Probes and scrapes arrive every few seconds; logging each would drown the log. */
function isProbe(request: IncomingMessage): boolean {
  // Fastify's middleware layer rewrites `url`; `originalUrl` keeps the path the client asked for.
  const url =
    (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '';
  return isProbePath(url);
}
