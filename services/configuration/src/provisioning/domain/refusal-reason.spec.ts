import { refusalReason } from './refusal-reason';

describe('the reason given for a CI the CMDB refuses to provision', () => {
  it('names each wrong field', () => {
    expect(
      refusalReason(
        {
          detail: 'Some fields are invalid',
          errors: [
            { field: 'className', message: 'className must name a CI class' },
            { field: 'attributes.cpu_count', message: 'cpu_count must be an integer' },
          ],
        },
        'refused',
      ),
    ).toBe(
      'className: className must name a CI class; attributes.cpu_count: cpu_count must be an integer',
    );
  });

  it('falls back on the detail, then on what the caller knows', () => {
    expect(refusalReason({ detail: 'CI x is retired' }, 'refused')).toBe('CI x is retired');
    expect(refusalReason('boom', 'refused')).toBe('refused');
  });
});
