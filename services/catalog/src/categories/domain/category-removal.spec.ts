import { removalRefusal } from './category-removal';

describe("a category's removal", () => {
  it('is allowed when no catalog item uses the category', () => {
    expect(removalRefusal(0)).toBeUndefined();
  });

  it('is refused while one catalog item uses it, saying so', () => {
    expect(removalRefusal(1)).toBe('1 catalog item uses it in one of their versions');
  });

  it('is refused while several catalog items use it, naming how many', () => {
    expect(removalRefusal(3)).toBe('3 catalog items use it in one of their versions');
  });
});
