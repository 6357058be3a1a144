import { allowedNextStates, STATE_CODES } from './domain/change-states';
import type { Change } from './change.entity';
import { impactFor } from '../risk/domain/impact-match';

/** A change as the API shows it, with the moves its state model allows. */
export function changeView(change: Change) {
  return {
    id: change.id,
    number: change.number,
    type: change.type,
    state: change.state,
    stateCode: STATE_CODES[change.state],
    allowedNextStates: allowedNextStates(change.type, change.state),
    shortDescription: change.shortDescription,
    description: change.description,
    justification: change.justification,
    implementationPlan: change.implementationPlan,
    backoutPlan: change.backoutPlan,
    testPlan: change.testPlan,
    plannedStart: change.plannedStart,
    plannedEnd: change.plannedEnd,
    affectedCiIds: change.affectedCiIds,
    impact: impactView(change),
    risk: change.risk,
    riskScore: change.riskScore,
    riskFactors: change.riskFactors,
    riskAssessedAt: change.riskAssessedAt,
    approval: change.approval,
    assignmentGroup: change.assignmentGroup,
    assignee: change.assignee,
    requestedBy: change.requestedBy,
    openedBy: change.openedBy,
    openedAt: change.openedAt,
    templateId: change.templateId,
    templateVersion: change.templateVersion,
    actualStart: change.actualStart,
    actualEnd: change.actualEnd,
    closeCode: change.closeCode,
    closeNotes: change.closeNotes,
    cancelReason: change.cancelReason,
    closedAt: change.closedAt,
    updatedAt: change.updatedAt,
    version: change.version,
  };
}

export type ChangeView = ReturnType<typeof changeView>;

/** The CMDB's last answer for exactly the change's current CIs; null until it has answered. */
function impactView(change: Change) {
  const impact = impactFor(change.impact, change.affectedCiIds);
  return (
    impact && {
      ciIds: impact.ciIds,
      impactedServices: impact.impactedServices.map(({ id, name, criticality }) => ({
        id,
        name,
        criticality,
      })),
      impactedCiCount: impact.impactedCiCount,
      unknownCiIds: impact.unknownCiIds ?? [],
      calculatedAt: impact.calculatedAt,
    }
  );
}
