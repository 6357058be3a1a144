import { canonicalJson } from './idempotency-keys';

describe('the request an Idempotency-Key stands for', () => {
  it('is the same whatever the order of its fields, nested ones too', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { x: 2, y: 1 }] }, b: 1 }),
    );
  });

  it('differs when a value differs, and keeps the order of arrays', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
    expect(canonicalJson({ tags: ['x', 'y'] })).not.toBe(canonicalJson({ tags: ['y', 'x'] }));
  });
});
