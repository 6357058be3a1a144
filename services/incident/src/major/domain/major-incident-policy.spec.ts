import { automaticMajorReason } from './major-incident-policy';

const service = (name: string, criticality: number) => ({ id: name, name, criticality, depth: 2 });

describe('the automatic major incident rule', () => {
  it('makes a priority 1 on a critical business service major, naming the services', () => {
    expect(automaticMajorReason(1, [service('Online shop', 1), service('Intranet', 3)])).toBe(
      'Priority 1 on the critical business service Online shop',
    );
    expect(automaticMajorReason(1, [service('Shop', 1), service('Payments', 1)])).toBe(
      'Priority 1 on the critical business services Shop, Payments',
    );
  });

  it('leaves lower priorities and services that are not critical alone', () => {
    expect(automaticMajorReason(2, [service('Online shop', 1)])).toBeUndefined();
    expect(automaticMajorReason(1, [service('Intranet', 2)])).toBeUndefined();
    expect(automaticMajorReason(1, [])).toBeUndefined();
  });
});
