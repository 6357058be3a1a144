import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { isProbePath } from '../probes';

export interface LoggingOptions {
  serviceName: string;
  level: string;
}

/**
 * JSON lines through pino; the OpenTelemetry pino instrumentation adds `trace_id` and `span_id`
 * to every line written inside a span. Credentials in headers are never logged.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.serviceName },
            messageKey: 'message',
            timestamp: stdTimeFunctions.isoTime,
            formatters: { level: (label) => ({ level: label }) },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: isProbe },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}

/** Probes and scrapes arrive every few seconds; logging each would drown the log. */
function isProbe(request: IncomingMessage): boolean {
  // Fastify's middleware layer rewrites `url`; `originalUrl` keeps the path the client asked for.
  const url =
    (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '';
  return isProbePath(url);
}
