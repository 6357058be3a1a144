import type { Principal } from '@itsm/auth/rules';
import { isCatalogManager } from '../../catalog-items/domain/audience';
import { isEligible, type Approvers } from './approval-policy';

/** An approval is seen by those who may decide it, and by catalog managers; for others it does not exist. */
export const mayViewApproval = (caller: Principal, approvers: Approvers) =>
  isCatalogManager(caller) || isEligible(approvers, caller);
