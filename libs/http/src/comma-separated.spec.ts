import { commaSeparated, commaSeparatedNumbers } from './comma-separated';

describe('query lists', () => {
  it('read comma-separated, repeated, or both', () => {
    expect(commaSeparated({ value: 'new,on_hold' })).toEqual(['new', 'on_hold']);
    expect(commaSeparated({ value: ['new', 'on_hold,resolved'] })).toEqual([
      'new',
      'on_hold',
      'resolved',
    ]);
  });

  it('keep an empty item, for the validators to refuse', () => {
    expect(commaSeparated({ value: '' })).toEqual(['']);
    expect(commaSeparated({ value: 'new,' })).toEqual(['new', '']);
    expect(commaSeparatedNumbers({ value: '1,' })).toEqual([1, Number.NaN]);
  });

  it('leave what is not text alone', () => {
    expect(commaSeparated({ value: undefined })).toBeUndefined();
    expect(commaSeparatedNumbers({ value: ['2', '3'] })).toEqual([2, 3]);
  });
});
