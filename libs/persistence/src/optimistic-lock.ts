/** A write carried a version that is no longer the record's current one. */
export class StaleVersionError extends Error {
  constructor(
    readonly entityType: string,
    readonly entityId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `${entityType} ${entityId} is at version ${currentVersion}, but the change was based on version ${expectedVersion}: reload it and try again`,
    );
    this.name = 'StaleVersionError';
  }
}

/** Refuses a change based on an outdated read of the record. */
export function assertVersion(
  entity: { id: string; version: number },
  entityType: string,
  expectedVersion: number,
): void {
  if (entity.version !== expectedVersion) {
    throw new StaleVersionError(entityType, entity.id, expectedVersion, entity.version);
  }
}
