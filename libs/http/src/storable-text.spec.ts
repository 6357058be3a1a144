import { unstorableText } from './storable-text';

describe('unstorableText: text PostgreSQL cannot store, named by field', () => {
  it('passes ordinary text, numbers, nulls and emoji (paired surrogates)', () => {
    const body = { title: 'Printer 3 is down 🖨️', impact: 2, tags: ['a', 'b'], note: null };
    expect(unstorableText(body)).toEqual([]);
  });

  it('names a top-level field holding a NUL character', () => {
    expect(unstorableText({ shortDescription: 'a\u0000b' })).toEqual([
      {
        field: 'shortDescription',
        message: 'shortDescription must not contain the NUL character (U+0000)',
      },
    ]);
  });

  it('names nested fields with the dotted path the other validators use', () => {
    const body = { records: [{ name: 'ok' }, { attributes: { os: 'linux\u0000' } }] };
    expect(unstorableText(body).map((error) => error.field)).toEqual(['records.1.attributes.os']);
  });

  it('refuses an unpaired surrogate, which is not Unicode', () => {
    expect(unstorableText({ q: 'abc\uD800' })).toEqual([
      { field: 'q', message: 'q must be well-formed Unicode (it holds an unpaired surrogate)' },
    ]);
  });

  it('refuses a property name holding a NUL character (it would land in jsonb)', () => {
    expect(unstorableText({ attributes: { 'o\u0000s': 'linux' } })).toEqual([
      {
        field: 'attributes',
        message: 'a property name must not contain the NUL character (U+0000)',
      },
    ]);
  });

  it('names a query parameter or path parameter given as the root', () => {
    expect(unstorableText('a\u0000', 'id').map((error) => error.field)).toEqual(['id']);
    expect(unstorableText('a\u0000').map((error) => error.field)).toEqual(['(body)']);
  });

  it('reports at most 20 fields of a large body', () => {
    const records = Array.from({ length: 10_000 }, () => ({ name: '\u0000' }));
    expect(unstorableText({ records })).toHaveLength(20);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableText(deep)).toHaveLength(1);
  });
});
