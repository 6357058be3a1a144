import {
  provisioningAskedFor,
  provisioningStatus,
  recordAnswer,
  type Provisioning,
} from './provisioning-outcome';

const at = new Date('2026-12-01T10:00:00Z');
const later = new Date('2026-12-01T10:00:05Z');
const both = provisioningAskedFor(
  {
    ci: { className: 'linux_server', nameTemplate: 'vm-{hostname}', attributes: {} },
    change: { templateId: 't' },
  },
  at,
);
const recorded = (p: Provisioning, answer: Parameters<typeof recordAnswer>[1]) => {
  const outcome = recordAnswer(p, answer, later);
  if (!outcome.recorded) throw new Error('not recorded');
  return outcome.provisioning;
};

describe("a requested item's provisioning", () => {
  it('asks for each part of the rule and waits for every answer', () => {
    expect(both.ci).toMatchObject({ status: 'pending' });
    expect(both.change).toMatchObject({ status: 'pending' });
    expect(provisioningStatus(both)).toBe('waiting');
    const ciOnly = provisioningAskedFor(
      { ci: { className: 'x', nameTemplate: 'x', attributes: {} } },
      at,
    );
    expect(ciOnly.change).toBeUndefined();
  });

  it('is delivered when the CI and the change were both created', () => {
    const withCi = recorded(both, { part: 'ci', status: 'created', ciId: 'c1', ciName: 'vm-a' });
    expect(provisioningStatus(withCi)).toBe('waiting');
    const done = recorded(withCi, {
      part: 'change',
      status: 'created',
      changeId: 'g1',
      changeNumber: 'CHG0000001',
    });
    expect(provisioningStatus(done)).toBe('delivered');
    expect(done.ci).toEqual({
      status: 'created',
      ciId: 'c1',
      ciName: 'vm-a',
      reason: null,
      answeredAt: later.toISOString(),
    });
    expect(done.change).toMatchObject({ changeNumber: 'CHG0000001' });
  });

  it('needs attention as soon as one part is refused, naming the refusal', () => {
    const refused = recorded(both, {
      part: 'change',
      status: 'refused',
      reason: 'template t has no published version',
    });
    expect(provisioningStatus(refused)).toBe('needs_attention');
    expect(refused.change?.reason).toBe('template t has no published version');
  });

  it('records an answer delivered twice once', () => {
    const answer = { part: 'ci', status: 'created', ciId: 'c1', ciName: 'vm-a' } as const;
    const once = recorded(both, answer);
    expect(recordAnswer(once, { ...answer, ciId: 'c2' }, later)).toEqual({ recorded: false });
  });

  it('ignores an answer for a part it did not ask for', () => {
    const ciOnly = provisioningAskedFor(
      { ci: { className: 'x', nameTemplate: 'x', attributes: {} } },
      at,
    );
    expect(recordAnswer(ciOnly, { part: 'change', status: 'created' }, later)).toEqual({
      recorded: false,
    });
  });
});
