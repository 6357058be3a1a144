import { CI_NAME_MAX_LENGTH, provisionedNameErrors } from './provisioned-name';

describe('provisionedNameErrors', () => {
  it('takes a name up to the longest a CI may have', () => {
    expect(provisionedNameErrors('x'.repeat(CI_NAME_MAX_LENGTH))).toEqual([]);
  });

  it('refuses a longer one, naming the bound', () => {
    expect(provisionedNameErrors('x'.repeat(CI_NAME_MAX_LENGTH + 1))).toEqual([
      { field: 'name', message: 'name must be at most 255 characters' },
    ]);
  });
});
