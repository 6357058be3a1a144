import { Injectable } from '@nestjs/common';
import type { FieldChange } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';

/** The fields of a CMDB CI a pipeline may name it by, besides its id. */
export const IDENTIFIER_KINDS = ['name', 'serialNumber', 'hostName', 'fqdn', 'cloudId'] as const;
type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** How the gate compares a name: names and host names are not case-sensitive. */
export const identifierKey = (value: string) => value.trim().toLowerCase();

/**
 * The change service's copy of what each CMDB CI is called, kept from the CMDB's events, so that
 * the gate resolves `db-checkout-01` or a serial number without calling another service.
 */
@Injectable()
export class CiIdentifiers {
  async put(
    manager: EntityManager,
    ciId: string,
    values: Partial<Record<IdentifierKind, string | null>>,
  ): Promise<void> {
    const kinds = IDENTIFIER_KINDS.filter((kind) => kind in values);
    const kept = kinds.filter((kind) => values[kind]?.trim());
    const cleared = kinds.filter((kind) => !values[kind]?.trim());
    if (cleared.length > 0) {
      await manager.query(`DELETE FROM gate_ci_identifiers WHERE ci_id = $1 AND kind = ANY($2)`, [
        ciId,
        cleared,
      ]);
    }
    if (kept.length > 0) {
      await manager.query(
        `INSERT INTO gate_ci_identifiers (ci_id, kind, identifier)
         SELECT $1, kind, identifier FROM unnest($2::text[], $3::text[]) AS t(kind, identifier)
         ON CONFLICT (ci_id, kind) DO UPDATE SET identifier = excluded.identifier`,
        [ciId, kept, kept.map((kind) => identifierKey(values[kind]!))],
      );
    }
  }

  /** The identifier fields among a CI's changed fields, at their new values. */
  async applyChanges(
    manager: EntityManager,
    ciId: string,
    changes: readonly FieldChange[],
  ): Promise<void> {
    const values: Partial<Record<IdentifierKind, string | null>> = {};
    for (const change of changes) {
      if ((IDENTIFIER_KINDS as readonly string[]).includes(change.field)) {
        values[change.field as IdentifierKind] =
          typeof change.newValue === 'string' ? change.newValue : null;
      }
    }
    await this.put(manager, ciId, values);
  }

  async remove(manager: EntityManager, ciId: string): Promise<void> {
    await manager.query(`DELETE FROM gate_ci_identifiers WHERE ci_id = $1`, [ciId]);
  }
}
