import type { ClassHierarchy, IdentifierField } from '../../classes/domain/class-hierarchy';
import type { Ci } from '../../cis/domain/ci';
import { ruleValues } from './reconciliation';

/** What identifies a record: its class's root, and its identifier values (and name). */
export interface Identity {
  scopeId: string;
  classId: string;
  values: Partial<Record<IdentifierField, string>>;
}

/** One search for the CIs of a class root matching one rule, for every value the batch carries. */
export interface CiLookup {
  scopeId: string;
  rule: IdentifierField[];
  /** One entry per identity, the values in the rule's order. */
  values: string[][];
}

/** How an identity matched: the rules are tried in order, and the first that finds CIs decides. */
export type CiMatch =
  | { kind: 'found'; ci: Ci }
  | { kind: 'none' }
  | { kind: 'ambiguous'; rule: IdentifierField[]; count: number }
  | { kind: 'unidentifiable'; rules: IdentifierField[][] };

/**
 * The CIs an import can match, by every identification rule of their class: filled for a whole batch
 * from the searches `lookups` names, then kept current as the batch creates and changes CIs, so that
 * two records of one CI in the same batch meet.
 */
export class CiIndex {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byId = new Map<string, Ci>();

  constructor(private readonly hierarchy: ClassHierarchy) {}

  /**
   * The searches that find every CI these identities could match: one per class root and rule, each
   * value once (a batch's relationships often name the same few targets thousands of times).
   */
  lookups(identities: readonly Identity[]): CiLookup[] {
    const wanted = new Map<string, CiLookup>();
    const seen = new Set<string>();
    for (const identity of identities) {
      for (const rule of this.hierarchy.identificationRulesOf(identity.classId)) {
        const values = ruleValues(rule, identity.values);
        if (!values) continue;
        const key = this.key(identity.scopeId, rule, values);
        if (seen.has(key)) continue;
        seen.add(key);
        const group = `${identity.scopeId}|${rule.join(',')}`;
        const entry = wanted.get(group) ?? { scopeId: identity.scopeId, rule, values: [] };
        entry.values.push(values);
        wanted.set(group, entry);
      }
    }
    return [...wanted.values()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  classIdOf(id: string): string | undefined {
    return this.byId.get(id)?.classId;
  }

  /** Adds (or re-adds after a change) a CI under every rule its identifiers complete. */
  add(ci: Ci): void {
    this.byId.set(ci.id, ci);
    for (const rule of this.hierarchy.identificationRulesOf(ci.classId)) {
      const values = ruleValues(rule, ci);
      if (!values) continue;
      const key = this.key(ci.identityClassId, rule, values);
      const set = this.byKey.get(key) ?? new Set();
      set.add(ci.id);
      this.byKey.set(key, set);
    }
  }

  /**
   * The CI an identity names. Several CIs for one rule make the record ambiguous; no complete rule
   * makes it unidentifiable.
   */
  match(identity: Identity): CiMatch {
    const rules = this.hierarchy.identificationRulesOf(identity.classId);
    let complete = false;
    for (const rule of rules) {
      const values = ruleValues(rule, identity.values);
      if (!values) continue;
      complete = true;
      const found = this.byKey.get(this.key(identity.scopeId, rule, values));
      if (!found || found.size === 0) continue;
      if (found.size > 1) return { kind: 'ambiguous', rule, count: found.size };
      return { kind: 'found', ci: this.byId.get([...found][0]!)! };
    }
    return complete ? { kind: 'none' } : { kind: 'unidentifiable', rules };
  }

  private key(scopeId: string, rule: IdentifierField[], values: string[]): string {
    return `${scopeId}|${rule.join(',')}|${values.join('\u0000')}`;
  }
}
