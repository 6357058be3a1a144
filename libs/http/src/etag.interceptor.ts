import {
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { etagOf } from './concurrency';

/** Sets `ETag` from the `version` of the record a handler answers with. */
@Injectable()
export class VersionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') {
          const reply = context
            .switchToHttp()
            .getResponse<{ header(n: string, v: string): unknown }>();
          reply.header('etag', etagOf(version));
        }
        return body;
      }),
    );
  }
}

/** On a handler answering with one versioned record: the answer carries its ETag for If-Match. */
export const AnswersWithETag = () => UseInterceptors(VersionETagInterceptor);
