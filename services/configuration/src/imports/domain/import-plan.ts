import type { ClassHierarchy } from '../../classes/domain/class-hierarchy';
import type { Ci, CiStatus, FieldChange } from '../../cis/domain/ci';
import type { RelationshipType } from '../../relationships/domain/relationship-types';
import type { CiIndex } from './ci-index';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** What an import did (or, dry, would do) with one record: the answer's line for it. */
export interface RecordResult {
  index: number;
  outcome: Outcome;
  ciId?: string;
  className: string;
  name?: string;
  changes?: FieldChange[];
  /** Fields left as they were because a stronger data source owns them. */
  kept?: Array<{ field: string; owner: string }>;
  reasons?: string[];
  relationships?: { created: number; unchanged: number; rejected: string[] };
}

/** A CI the import changes: every change the batch makes to it, and its status before the batch. */
export interface PlannedUpdate {
  ci: Ci;
  changes: FieldChange[];
  fromStatus: CiStatus;
}

export interface PlannedRelationship {
  id: string;
  type: RelationshipType;
  sourceId: string;
  targetId: string;
  createdBy: string;
}

/** What one import will write, gathered before anything is written; CIs by id, in batch order. */
export interface ImportPlan {
  created: Map<string, Ci>;
  updated: Map<string, PlannedUpdate>;
  relationships: PlannedRelationship[];
}

/** What planning an import needs to know besides its records. */
export interface ImportContext {
  /** The data source the batch comes from. */
  source: string;
  /** Who the history names for the batch's changes (`source:<data source>`). */
  actor: string;
  hierarchy: ClassHierarchy;
  /** The CIs the batch can match, kept current as it is planned. */
  cis: CiIndex;
  rankOf: (source: string) => number;
  newId: () => string;
  /** The class of each CI a reference attribute of the batch may name, by id (whatever its status). */
  referencedCis: ReadonlyMap<string, string>;
}

/** How many records of each outcome, and how many relationships the import creates. */
export function importSummary(results: readonly RecordResult[], plan: ImportPlan) {
  return {
    created: results.filter((r) => r.outcome === 'created').length,
    updated: results.filter((r) => r.outcome === 'updated').length,
    unchanged: results.filter((r) => r.outcome === 'unchanged').length,
    rejected: results.filter((r) => r.outcome === 'rejected').length,
    relationshipsCreated: plan.relationships.length,
  };
}
