import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter replaces a handler's error with `{ status: 'error', message: 'Internal
 * server error' }`. The event transport needs the error itself — its type decides between a retry
 * and the dead-letter topic, and its message is what an operator reads there — so it passes it on.
 */
@Catch()
export class HandlerErrorsPassThrough implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
