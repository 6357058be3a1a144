import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../principal';

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The verified caller of the request, set by the auth guard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!principal) throw new Error('@CurrentUser() used on a route that is not authenticated');
  return principal;
});
