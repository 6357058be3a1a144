import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { problem, PUBLIC_ENDPOINT } from '@itsm/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasAnyRole } from '../principal';
import type { Role } from '../roles';
import {
  IdentityProviderUnavailableError,
  InvalidTokenError,
  TokenVerifier,
} from '../token-verifier';
import type { AuthenticatedRequest } from './current-user.decorator';
import { REQUIRED_ROLES } from './roles.decorator';

/**
 * Denies by default: every HTTP route needs a valid bearer token and one of the roles it declares,
 * unless it is `@Public()`. Kafka event handlers (`rpc`) are not requests of a caller and pass; any
 * other kind of handler (a future WebSocket gateway…) is refused until it has its own checks.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() === 'rpc') return true;
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    // A route that names roles is never opened by a @Public() on its controller.
    const declaresRoles = this.reflector.get<Role[] | undefined>(REQUIRED_ROLES, targets[0]!);
    if (!declaresRoles && this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, targets)) {
      return true;
    }

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized(http.getResponse(), 'A bearer token is required', undefined);

    try {
      request.principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw unauthorized(http.getResponse(), error.message, 'invalid_token');
      }
      if (error instanceof IdentityProviderUnavailableError) {
        this.logger.error(error.message);
        throw problem(
          HttpStatus.SERVICE_UNAVAILABLE,
          'identity-provider-unavailable',
          'Tokens cannot be verified right now',
          'The identity provider did not answer; try again shortly.',
        );
      }
      throw error;
    }

    if (required && hasAnyRole(request.principal, required)) return true;
    throw problem(
      HttpStatus.FORBIDDEN,
      'forbidden',
      'Your roles do not allow this',
      required
        ? `Requires one of the roles: ${required.join(', ')}`
        : 'This endpoint declares no roles, so nobody may call it',
      { requiredRoles: required ?? [], yourRoles: [...request.principal.roles] },
    );
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** 401 with the RFC 6750 challenge, so that a client knows to fetch (or refresh) a token. */
function unauthorized(reply: FastifyReply, detail: string, error: 'invalid_token' | undefined) {
  const challenge = error
    ? `Bearer realm="itsm", error="${error}", error_description="${detail.replace(/"/g, "'")}"`
    : 'Bearer realm="itsm"';
  void reply.header('www-authenticate', challenge);
  return problem(HttpStatus.UNAUTHORIZED, 'unauthorized', 'Authentication required', detail);
}
