import { UUID_PATTERN } from '@itsm/http';
import type { EntityManager } from 'typeorm';
import { identifierKey } from './ci-identifiers';
import type { AskedCi, GateChange } from './domain/gate-decision';

/**
 * More open changes on the same CIs than a person would read in a refusal. Only those not in
 * Implement are cut: any change in Implement may be the one that allows the deployment (they are few).
 */
const MAX_OTHER_CHANGES = 50;

interface Row {
  named: Array<{ identifier: string; ci_ids: string[] }>;
  changes: Array<{
    id: string;
    number: string;
    type: GateChange['type'];
    state: GateChange['state'];
    approval: GateChange['approval'];
    planned_start: string | null;
    planned_end: string | null;
    affected_ci_ids: string[];
  }>;
}

/**
 * What the gate decides on, in one statement: each name resolved through the CMDB's identifiers
 * (a UUID is a CI id as it is), and the open changes naming any of the CIs (the GIN index on
 * `affected_ci_ids`): every one in Implement, and the first others by planned start.
 */
export async function gateInputs(
  manager: EntityManager,
  refs: readonly string[],
): Promise<{ asked: AskedCi[]; changes: GateChange[] }> {
  const ids = refs.filter((ref) => UUID_PATTERN.test(ref)).map((ref) => ref.toLowerCase());
  const names = refs.filter((ref) => !UUID_PATTERN.test(ref)).map(identifierKey);
  const [row] = (await manager.query(
    `WITH named AS (
       SELECT identifier, array_agg(DISTINCT ci_id) AS ci_ids FROM gate_ci_identifiers
        WHERE identifier = ANY($1::text[]) GROUP BY identifier
     ),
     covering AS (
       SELECT id, number, type, state, approval, planned_start, planned_end, affected_ci_ids
         FROM changes
        WHERE affected_ci_ids && ($2::uuid[] || (SELECT coalesce(array_agg(ci), '{}')
                                                  FROM named, unnest(ci_ids) AS ci))
          AND state NOT IN ('closed', 'canceled')
     )
     SELECT (SELECT coalesce(json_agg(named), '[]') FROM named) AS named,
            (SELECT coalesce(json_agg(c ORDER BY planned_start NULLS LAST, number), '[]') FROM (
               SELECT * FROM covering WHERE state = 'implement'
               UNION ALL
               (SELECT * FROM covering WHERE state <> 'implement'
                 ORDER BY planned_start NULLS LAST, number LIMIT ${MAX_OTHER_CHANGES})) c) AS changes`,
    [names, ids],
  )) as Row[];
  const resolved = new Map(row!.named.map((named) => [named.identifier, named.ci_ids]));
  return {
    asked: refs.map((ref) => ({
      ref,
      ciIds: UUID_PATTERN.test(ref)
        ? [ref.toLowerCase()]
        : (resolved.get(identifierKey(ref)) ?? []),
    })),
    changes: row!.changes.map((change) => ({
      id: change.id,
      number: change.number,
      type: change.type,
      state: change.state,
      approval: change.approval,
      plannedStart: change.planned_start === null ? null : new Date(change.planned_start),
      plannedEnd: change.planned_end === null ? null : new Date(change.planned_end),
      affectedCiIds: change.affected_ci_ids,
    })),
  };
}
