import { In, type EntityManager } from 'typeorm';
import type { Hierarchy } from '../classes/classes.service';
import { IDENTIFIER_COLUMNS, type IdentifierField } from '../classes/domain/class-hierarchy';
import { ConfigurationItem } from '../cis/configuration-item.entity';

/** What identifies a record: its class's root, and its identifier values (and name). */
export interface Identity {
  scopeId: string;
  classId: string;
  values: Partial<Record<IdentifierField, string>>;
}

/**
 * The CIs an import can match, by every identification rule of their class: loaded for a whole batch
 * in one query per rule, then kept current as the batch creates CIs, so that two records of one CI
 * in the same batch meet.
 */
export class CiIndex {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byId = new Map<string, ConfigurationItem>();

  constructor(private readonly hierarchy: Hierarchy) {}

  /** Loads the CIs any of these identities could match (retired CIs are never matched). */
  async load(manager: EntityManager, identities: Identity[]): Promise<void> {
    const wanted = new Map<
      string,
      { scopeId: string; rule: IdentifierField[]; values: string[][] }
    >();
    for (const identity of identities) {
      for (const rule of this.hierarchy.identificationRulesOf(identity.classId)) {
        const values = this.valuesOf(rule, identity.values);
        if (!values) continue;
        const group = `${identity.scopeId}|${rule.join(',')}`;
        const entry = wanted.get(group) ?? { scopeId: identity.scopeId, rule, values: [] };
        entry.values.push(values);
        wanted.set(group, entry);
      }
    }
    for (const { scopeId, rule, values } of wanted.values()) {
      const columns = rule.map((field) => IDENTIFIER_COLUMNS[field]);
      const arrays = rule.map((_, column) => values.map((v) => v[column]!));
      const matches =
        rule.length === 1
          ? `${columns[0]} = ANY($2::text[])`
          : `(${columns.join(', ')}) IN (SELECT * FROM unnest(${rule.map((_, i) => `$${i + 2}::text[]`).join(', ')}))`;
      const rows = (await manager.query(
        `SELECT id FROM configuration_items
          WHERE identity_class_id = $1 AND retired_at IS NULL AND ${matches}`,
        [scopeId, ...arrays],
      )) as Array<{ id: string }>;
      const unseen = rows.map((row) => row.id).filter((id) => !this.byId.has(id));
      for (let start = 0; start < unseen.length; start += 5000) {
        const ids = unseen.slice(start, start + 5000);
        // Locked until the import commits: a concurrent PATCH or retire waits, then finds its version stale.
        const cis = await manager.find(ConfigurationItem, {
          where: { id: In(ids) },
          lock: { mode: 'pessimistic_write' },
        });
        cis.filter((ci) => ci.retiredAt === null).forEach((ci) => this.add(ci));
      }
    }
  }

  classIdOf(id: string): string | undefined {
    return this.byId.get(id)?.classId;
  }

  /** Adds (or re-adds after a change) a CI under every rule its identifiers complete. */
  add(ci: ConfigurationItem): void {
    this.byId.set(ci.id, ci);
    for (const rule of this.hierarchy.identificationRulesOf(ci.classId)) {
      const values = this.valuesOf(rule, ci);
      if (!values) continue;
      const key = this.key(ci.identityClassId, rule, values);
      const set = this.byKey.get(key) ?? new Set();
      set.add(ci.id);
      this.byKey.set(key, set);
    }
  }

  /**
   * The CI an identity names: the rules are tried in order, and the first that finds CIs decides.
   * Several CIs for one rule make the record ambiguous; no complete rule makes it unidentifiable.
   */
  match(
    identity: Identity,
  ):
    | { kind: 'found'; ci: ConfigurationItem }
    | { kind: 'none' }
    | { kind: 'ambiguous'; rule: IdentifierField[]; count: number }
    | { kind: 'unidentifiable'; rules: IdentifierField[][] } {
    const rules = this.hierarchy.identificationRulesOf(identity.classId);
    let complete = false;
    for (const rule of rules) {
      const values = this.valuesOf(rule, identity.values);
      if (!values) continue;
      complete = true;
      const found = this.byKey.get(this.key(identity.scopeId, rule, values));
      if (!found || found.size === 0) continue;
      if (found.size > 1) return { kind: 'ambiguous', rule, count: found.size };
      return { kind: 'found', ci: this.byId.get([...found][0]!)! };
    }
    return complete ? { kind: 'none' } : { kind: 'unidentifiable', rules };
  }

  private valuesOf(
    rule: IdentifierField[],
    source: Partial<Record<IdentifierField, string | null>>,
  ): string[] | undefined {
    const values = rule.map((field) => source[field]);
    return values.every((value): value is string => typeof value === 'string' && value !== '')
      ? values
      : undefined;
  }

  private key(scopeId: string, rule: IdentifierField[], values: string[]): string {
    return `${scopeId}|${rule.join(',')}|${values.join('\u0000')}`;
  }
}
