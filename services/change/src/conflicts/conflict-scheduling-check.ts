import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { changeConflictsOverridden } from '@itsm/contracts';
import { hasAnyRole, type Principal } from '@itsm/auth';
import { problem, validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { writeAuditEntries } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { MANAGERS } from '../access';
import type { Change } from '../changes/change.entity';
import { SchedulingCheck, type SchedulingRequest } from '../changes/scheduling-check';
import { ConflictFinder } from './conflict-finder';
import { conflictView } from './conflict-view';
import type { Conflict } from './domain/conflict-rules';
import { schedulingDecision } from './domain/scheduling-decision';
import { takeSchedulingTurn } from './scheduling-turn';

/** What the history says of a change scheduled before the CMDB answered for its CIs. */
export const OWN_CIS_ONLY =
  'only its own CIs were checked: the CMDB had not answered for them yet (GET /conflicts tells once it has)';

/**
 * Scheduling checks conflicts: with other planned changes on the change's CIs or related ones, and
 * with freezes; so does moving the window of a scheduled change. A conflict refuses the move (409)
 * unless a change manager overrides it with a reason; the override goes into the change's history
 * and out as `change.conflicts_overridden`. A change checked on its own CIs only (no CMDB answer
 * yet) goes ahead, and its history says so.
 */
@Injectable()
export class ConflictSchedulingCheck extends SchedulingCheck {
  constructor(
    private readonly finder: ConflictFinder,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {
    super();
  }

  async check(
    manager: EntityManager,
    change: Change,
    request: SchedulingRequest,
    caller: Principal,
    now: Date,
  ): Promise<void> {
    await takeSchedulingTurn(manager);
    const found = await this.finder.check(manager, change);
    const decision = schedulingDecision(found, request.override, hasAnyRole(caller, MANAGERS));
    switch (decision.kind) {
      case 'clear':
        if (decision.ownCisOnly) {
          await writeAuditEntries(manager, [
            {
              entityType: 'change',
              entityId: change.id,
              operation: 'update',
              field: 'conflictCheck',
              oldValue: null,
              newValue: OWN_CIS_ONLY,
            },
          ]);
        }
        return;
      case 'conflicts':
        throw problem(
          HttpStatus.CONFLICT,
          'change-conflict',
          'The change conflicts with other changes or a freeze',
          `Change ${change.number} meets ${describe(found.conflicts)} in its ${request.occasion === 'move' ? 'new window; a change manager may move it' : 'window; a change manager may schedule it'} anyway with override.reason`,
          {
            conflicts: found.conflicts.map(conflictView),
            footprintPending: found.footprintPending,
          },
        );
      case 'override-invalid':
        throw validationProblem([
          { field: 'override.reason', message: 'Overriding conflicts needs a reason' },
        ]);
      case 'override-forbidden':
        throw problem(
          HttpStatus.FORBIDDEN,
          'forbidden',
          'Your roles do not allow this',
          `Change ${change.number} has conflicts: only a change manager may ${request.occasion === 'move' ? 'move' : 'schedule'} it anyway`,
          { requiredRoles: MANAGERS, conflicts: found.conflicts.map(conflictView) },
        );
      case 'overridden': {
        const conflicts = found.conflicts.map(eventConflict);
        await writeAuditEntries(manager, [
          {
            entityType: 'change',
            entityId: change.id,
            operation: 'update',
            field: 'conflictOverride',
            oldValue: null,
            newValue: {
              reason: decision.reason,
              conflicts,
              footprintPending: found.footprintPending,
            },
          },
        ]);
        await this.outbox.publish(manager, changeConflictsOverridden, {
          aggregateId: change.id,
          data: {
            id: change.id,
            number: change.number,
            reason: decision.reason,
            footprintPending: found.footprintPending,
            conflicts,
            overriddenBy: caller.id,
            overriddenAt: now.toISOString(),
          },
        });
      }
    }
  }
}

function describe(conflicts: Conflict[]): string {
  return conflicts
    .map((c) =>
      c.kind === 'blackout'
        ? `the freeze "${c.blackoutWindow.name}"`
        : `${c.otherChange.number} (${c.kind === 'same_ci' ? 'same CI' : 'related CI'} ${c.ci})`,
    )
    .join(', ');
}

function eventConflict(conflict: Conflict) {
  return {
    kind: conflict.kind,
    ...(conflict.kind === 'blackout'
      ? {
          blackoutWindowId: conflict.blackoutWindow.id,
          ...(conflict.service && { serviceId: conflict.service }),
        }
      : { otherChangeId: conflict.otherChange.id, otherChangeNumber: conflict.otherChange.number }),
    ...(conflict.ci && { ciId: conflict.ci }),
  };
}
