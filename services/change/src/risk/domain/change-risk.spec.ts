import { assessRisk, levelOf, RISK_FACTORS, type RiskInputs } from './change-risk';

const QUIET: RiskInputs = {
  type: 'normal',
  impactedServices: [],
  recentIncidents: 0,
  pastChanges: { closed: 0, failed: 0 },
  outsideBusinessHours: false,
};
const weightOf = (inputs: RiskInputs, factor: string) =>
  assessRisk(inputs).factors.find((f) => f.factor === factor)!.weight;

describe('assessRisk', () => {
  it('lists every factor with its value and weight, and the level of their sum', () => {
    const risk = assessRisk(QUIET);
    expect(risk.factors.map((f) => f.factor)).toEqual([...RISK_FACTORS]);
    expect(risk).toMatchObject({ level: 'low', score: 10 });
    expect(risk.factors[0]).toMatchObject({ factor: 'change_type', value: 'normal', weight: 10 });
  });

  it('weighs impacted business services by their criticality, up to a cap', () => {
    const services = (...criticalities: number[]) =>
      criticalities.map((criticality, i) => ({ id: `s${i}`, name: `Service ${i}`, criticality }));
    expect(weightOf({ ...QUIET, impactedServices: services(1) }, 'impacted_services')).toBe(20);
    expect(weightOf({ ...QUIET, impactedServices: services(4) }, 'impacted_services')).toBe(2);
    expect(weightOf({ ...QUIET, impactedServices: services(1, 1, 1) }, 'impacted_services')).toBe(
      40,
    );
    const critical = assessRisk({ ...QUIET, impactedServices: services(1) });
    expect(critical.level).toBe('moderate');
    expect(critical.factors[1]!.explanation).toContain('Service 0 (criticality 1)');
  });

  it('assumes one critical service while the CMDB has not answered', () => {
    const risk = assessRisk({ ...QUIET, impactedServices: null });
    expect(risk.factors[1]).toMatchObject({ value: 'unknown', weight: 20 });
    expect(risk.level).toBe('moderate');
  });

  it('adds recent incidents on the CIs, five each up to twenty', () => {
    expect(weightOf({ ...QUIET, recentIncidents: 2 }, 'recent_incidents')).toBe(10);
    expect(weightOf({ ...QUIET, recentIncidents: 9 }, 'recent_incidents')).toBe(20);
  });

  it('adds the failure rate of past changes on the CIs, nothing without history', () => {
    expect(
      weightOf({ ...QUIET, pastChanges: { closed: 0, failed: 0 } }, 'past_change_failure_rate'),
    ).toBe(0);
    const half = assessRisk({ ...QUIET, pastChanges: { closed: 4, failed: 2 } });
    expect(half.factors[3]).toMatchObject({ value: 0.5, weight: 15 });
  });

  it('adds a window outside business hours', () => {
    expect(weightOf({ ...QUIET, outsideBusinessHours: true }, 'outside_business_hours')).toBe(10);
  });

  it('rates an emergency on a critical service with a bad record very high', () => {
    const risk = assessRisk({
      type: 'emergency',
      impactedServices: [{ id: 's', name: 'Online shop', criticality: 1 }],
      recentIncidents: 3,
      pastChanges: { closed: 2, failed: 1 },
      outsideBusinessHours: true,
    });
    expect(risk).toMatchObject({ score: 30 + 20 + 15 + 15 + 10, level: 'very_high' });
  });

  it('reads the thresholds as the lowest score of each level', () => {
    expect([0, 24, 25, 49, 50, 74, 75].map(levelOf)).toEqual([
      'low',
      'low',
      'moderate',
      'moderate',
      'high',
      'high',
      'very_high',
    ]);
  });
});
