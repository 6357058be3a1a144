const AUDITED = Symbol('itsm:audited');

export interface AuditedOptions {
  /** The name in `audit_trail.entity_type`, e.g. `incident`. */
  entityType: string;
  /** Fields whose changes are not worth a history line. */
  ignore?: string[];
}

const ALWAYS_IGNORED = ['createdAt', 'updatedAt', 'version'];

/** Marks an entity whose every field change is written to the audit trail in the same transaction. */
export function Audited(options: AuditedOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(
      AUDITED,
      {
        entityType: options.entityType,
        ignore: new Set([...ALWAYS_IGNORED, ...(options.ignore ?? [])]),
      },
      target,
    );
  };
}

export function auditedOptionsOf(
  target: unknown,
): { entityType: string; ignore: ReadonlySet<string> } | undefined {
  if (typeof target !== 'function') return undefined;
  return Reflect.getMetadata(AUDITED, target) as
    { entityType: string; ignore: ReadonlySet<string> } | undefined;
}
