import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isConcurrencyFailure } from '@itsm/persistence';
import {
  BUSY_RETRY_AFTER_SECONDS,
  busy,
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailable,
  isDatabaseUnavailable,
} from './database-unavailable';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  problemForStatus,
  type ProblemDetails,
} from './problem';

/** Turns an error of a lower layer (e.g. a stale version from persistence) into its answer. */
export type ProblemTranslator = (error: unknown) => ProblemException | undefined;

/**
 * Every error leaves the API as `application/problem+json`. Errors of other layers become their
 * problem through the translators; a database that cannot be reached, or a transaction that lost to
 * another one, is a 503 with `Retry-After`;
 * unexpected errors are logged with their stack and answered without internals, with the trace id
 * to find the log line.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly translators: readonly ProblemTranslator[] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (!(exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      this.send(reply, { ...databaseUnavailable().problem, instance: pathOf(request.url) });
    } else if (!(exception instanceof HttpException) && isConcurrencyFailure(exception)) {
      this.logger.warn(
        `${request.method} ${pathOf(request.url)} lost to another transaction: ${(exception as Error).message}`,
      );
      void reply.header('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
      this.send(reply, { ...busy().problem, instance: pathOf(request.url) });
    } else {
      this.send(reply, { ...this.toProblem(exception), instance: pathOf(request.url) });
    }
  }

  private send(reply: FastifyReply, body: ProblemDetails): void {
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(exception: unknown): ProblemDetails {
    for (const translate of this.translators) {
      const translated = translate(exception);
      if (translated) return translated.problem;
    }
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : typeof (response as { message?: unknown }).message === 'string'
            ? (response as { message: string }).message
            : exception.message;
      return problemForStatus(exception.getStatus(), message);
    }
    const fastifyStatus = (exception as { statusCode?: unknown }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return problemForStatus(fastifyStatus, (exception as Error).message);
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    const traceId = trace.getActiveSpan()?.spanContext().traceId;
    return problemForStatus(
      500,
      `An unexpected error occurred${traceId ? `; trace id ${traceId}` : ''}. It has been logged.`,
    );
  }
}

/** The request's path: its query may hold a secret (a calendar feed's token) and names no record. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
