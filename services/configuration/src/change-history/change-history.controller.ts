import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { changeClosed } from '@itsm/contracts';
import { OnEvent, type EventContext, type EventOf } from '@itsm/messaging';
import { writeAuditEntries } from '@itsm/persistence';
import { CHANGE_HISTORY_FIELD, changeHistoryLines } from './change-history-lines';

/**
 * Flow 6 of ARCHITECTURE.md: the CMDB records each closed change in the history of the CIs it
 * names, in the transaction of the event's inbox row. CIs it does not know are left out; a CI
 * that already lists the change (the event applied before) is not written twice.
 */
@Controller()
export class ChangeHistoryController {
  @OnEvent(changeClosed, { subscription: 'change-history' })
  async closed(@Payload() event: EventOf<typeof changeClosed>, @Ctx() ctx: EventContext) {
    const change = event.data;
    if (change.affectedCiIds.length === 0) return;
    const rows = (await ctx.manager.query(
      `SELECT ci.id FROM configuration_items ci
        WHERE ci.id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM audit_trail a
                           WHERE a.entity_type = 'ci' AND a.entity_id = ci.id::text
                             AND a.field = $2 AND a.new_value ->> 'changeId' = $3)`,
      [change.affectedCiIds, CHANGE_HISTORY_FIELD, change.id],
    )) as Array<{ id: string }>;
    await writeAuditEntries(
      ctx.manager,
      changeHistoryLines(
        change,
        rows.map((row) => row.id),
      ),
    );
  }
}
