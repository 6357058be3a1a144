import { hasText, HAS_TEXT_PATTERN } from './has-text';

describe('hasText', () => {
  it('takes text with something to read, surrounded by white space or not', () => {
    for (const value of ['a', '  Checkout down ', '\tx\n', '·']) expect(hasText(value)).toBe(true);
  });

  it('refuses white space alone: spaces, tabs, line breaks, no-break and ideographic spaces', () => {
    for (const value of ['', ' ', '\t\n\r ', '\u00a0', '\u3000', '\u2028']) {
      expect(hasText(value)).toBe(false);
    }
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 3, ['a']]) expect(hasText(value)).toBe(false);
  });

  it('agrees with the pattern the OpenAPI document gives fuzzers and clients', () => {
    const pattern = new RegExp(HAS_TEXT_PATTERN);
    for (const value of ['a', ' a ', '', '   ', '\u00a0\t', 'x\u0000', '\u0000']) {
      expect(`${JSON.stringify(value)}: ${pattern.test(value)}`).toBe(
        `${JSON.stringify(value)}: ${hasText(value) && !value.includes('\u0000')}`,
      );
    }
  });
});
