import type { Principal } from '@itsm/auth';
import { decodeCursor } from '@itsm/http';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { isCatalogManager } from '../catalog-items/domain/audience';
import type { ListApprovalsQuery } from './approval.dto';
import { RequestedItemApproval } from './requested-item-approval.entity';

/**
 * The page of approvals `GET /approvals` reads, newest first: the caller's (their own, their
 * groups'; catalog managers: all), or with `mine` only those still waiting for their decision
 * (never one on a request they opened or that is for them).
 */
export function approvalsListQuery(
  manager: EntityManager,
  query: ListApprovalsQuery,
  caller: Principal,
): SelectQueryBuilder<RequestedItemApproval> {
  const builder = manager
    .createQueryBuilder(RequestedItemApproval, 'a')
    .orderBy('a.requested_at', 'DESC')
    .addOrderBy('a.id', 'DESC')
    .take(query.limit + 1);
  const theirs = new Brackets((where) =>
    where
      .where('a.approver = :caller', { caller: caller.id })
      .orWhere('a.approval_group = ANY(:groups)', { groups: [...caller.groups] }),
  );
  if (query.mine) {
    builder
      .andWhere(theirs)
      .andWhere(`a.state = 'requested'`)
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM approval_decisions d WHERE d.approval_id = a.id AND d.approver = :caller)',
      )
      // Nobody decides on a request they opened or that is for them (self-approval), so it is not theirs to do.
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = a.request_id AND :caller IN (r.requested_by, r.requested_for))',
      );
  } else if (!isCatalogManager(caller)) {
    builder.andWhere(theirs);
  }
  if (query.state) builder.andWhere('a.state = :state', { state: query.state });
  if (query.cursor) {
    const after = decodeCursor(query.cursor, { requestedAt: 'timestamp', id: 'uuid' });
    builder.andWhere('(a.requested_at, a.id) < (:requestedAt, :afterId::uuid)', {
      requestedAt: after.requestedAt,
      afterId: after.id,
    });
  }
  return builder;
}
