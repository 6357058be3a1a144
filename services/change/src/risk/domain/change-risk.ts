import type { ChangeType } from '../../changes/domain/change-states';

export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A business service the CMDB found impacted by the change's CIs; criticality 1 is the highest. */
export interface ImpactedService {
  id: string;
  name: string;
  criticality: number;
}

/** What the risk of a change is computed from (flow 5). */
export interface RiskInputs {
  type: ChangeType;
  /** The CMDB's answer for the change's current CIs; null while it has not answered. */
  impactedServices: readonly ImpactedService[] | null;
  /** Incidents opened on the change's CIs in the last 30 days. */
  recentIncidents: number;
  /** Closed changes on the same CIs, and how many of them were unsuccessful. */
  pastChanges: { closed: number; failed: number };
  /** Whether any part of the planned window falls outside business hours. */
  outsideBusinessHours: boolean;
}

export const RISK_FACTORS = [
  'change_type',
  'impacted_services',
  'recent_incidents',
  'past_change_failure_rate',
  'outside_business_hours',
] as const;
export type RiskFactorName = (typeof RISK_FACTORS)[number];

/** One factor as the answer explains it: what was found, and what it added to the score. */
export interface RiskFactor {
  factor: RiskFactorName;
  value: string | number | boolean;
  weight: number;
  explanation: string;
}

export interface RiskAssessment {
  level: RiskLevel;
  score: number;
  factors: RiskFactor[];
}

const TYPE_WEIGHT: Record<ChangeType, number> = { standard: 0, normal: 10, emergency: 30 };
/** A critical service (1) weighs ten times a low one (4). */
const SERVICE_WEIGHT: Record<number, number> = { 1: 20, 2: 12, 3: 6, 4: 2 };
const SERVICES_CAP = 40;
/** Not knowing what a change impacts is assumed to be as risky as touching one critical service. */
const UNKNOWN_IMPACT_WEIGHT = 20;
const PER_INCIDENT = 5;
const INCIDENTS_CAP = 20;
/** A failure rate of 100 % adds 30; no past change adds nothing. */
const FAILURE_RATE_WEIGHT = 30;
const OUTSIDE_HOURS_WEIGHT = 10;
/** The lowest score of each level above low. */
const THRESHOLDS: ReadonlyArray<[number, RiskLevel]> = [
  [75, 'very_high'],
  [50, 'high'],
  [25, 'moderate'],
];

/**
 * The risk of a change, explained: every factor with the value found and the weight it added,
 * and the level their sum falls in (low < 25 ≤ moderate < 50 ≤ high < 75 ≤ very high).
 */
export function assessRisk(inputs: RiskInputs): RiskAssessment {
  const factors = [
    typeFactor(inputs.type),
    servicesFactor(inputs.impactedServices),
    incidentsFactor(inputs.recentIncidents),
    failureFactor(inputs.pastChanges),
    hoursFactor(inputs.outsideBusinessHours),
  ];
  const score = factors.reduce((sum, factor) => sum + factor.weight, 0);
  return { level: levelOf(score), score, factors };
}

export function levelOf(score: number): RiskLevel {
  return THRESHOLDS.find(([minimum]) => score >= minimum)?.[1] ?? 'low';
}

function typeFactor(type: ChangeType): RiskFactor {
  return {
    factor: 'change_type',
    value: type,
    weight: TYPE_WEIGHT[type],
    explanation: `A ${type} change`,
  };
}

function servicesFactor(services: readonly ImpactedService[] | null): RiskFactor {
  if (services === null) {
    return {
      factor: 'impacted_services',
      value: 'unknown',
      weight: UNKNOWN_IMPACT_WEIGHT,
      explanation: 'The CMDB has not answered yet: assumed to impact one critical service',
    };
  }
  const weight = Math.min(
    SERVICES_CAP,
    services.reduce((sum, service) => sum + (SERVICE_WEIGHT[service.criticality] ?? 0), 0),
  );
  const named = services.map((service) => `${service.name} (criticality ${service.criticality})`);
  return {
    factor: 'impacted_services',
    value: services.length,
    weight,
    explanation:
      services.length === 0 ? 'No business service impacted' : `Impacts ${named.join(', ')}`,
  };
}

function incidentsFactor(count: number): RiskFactor {
  return {
    factor: 'recent_incidents',
    value: count,
    weight: Math.min(INCIDENTS_CAP, count * PER_INCIDENT),
    explanation: `${count} incident(s) on these CIs in the last 30 days`,
  };
}

function failureFactor({ closed, failed }: RiskInputs['pastChanges']): RiskFactor {
  const rate = closed === 0 ? 0 : failed / closed;
  return {
    factor: 'past_change_failure_rate',
    value: Math.round(rate * 100) / 100,
    weight: Math.round(rate * FAILURE_RATE_WEIGHT),
    explanation:
      closed === 0
        ? 'No past change on these CIs'
        : `${failed} of ${closed} past change(s) on these CIs were unsuccessful`,
  };
}

function hoursFactor(outside: boolean): RiskFactor {
  return {
    factor: 'outside_business_hours',
    value: outside,
    weight: outside ? OUTSIDE_HOURS_WEIGHT : 0,
    explanation: outside
      ? 'The window falls outside business hours: fewer people at hand to back it out'
      : 'The window lies within business hours',
  };
}
