const AUDITED = Symbol('itsm:audited');

export interface AuditedOptions {
  /** The name in `audit_trail.entity_type`, e.g. `incident`. */
  entityType: string;
  /** Fields whose changes are not worth a history line. */
  ignore?: string[];
  /** Object fields whose keys each get their own history line (`attributes.version`). */
  expand?: string[];
}

interface ResolvedAuditedOptions {
  entityType: string;
  ignore: ReadonlySet<string>;
  expand: ReadonlySet<string>;
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
        expand: new Set(options.expand ?? []),
      },
      target,
    );
  };
}

export function auditedOptionsOf(target: unknown): ResolvedAuditedOptions | undefined {
  if (typeof target !== 'function') return undefined;
  return Reflect.getMetadata(AUDITED, target) as ResolvedAuditedOptions | undefined;
}
