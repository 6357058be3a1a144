import { Injectable } from '@nestjs/common';

/**
 * Whether the service is shutting down. Readiness answers 503 from the moment it is, so that load
 * balancers stop sending requests while the ones in flight finish.
 */
@Injectable()
export class ShutdownState {
  private since?: Date;

  get shuttingDown(): boolean {
    return this.since !== undefined;
  }

  begin(): void {
    this.since ??= new Date();
  }
}
