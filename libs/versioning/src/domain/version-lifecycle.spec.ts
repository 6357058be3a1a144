import { isRefusal, publication, retirement, versionToEdit } from './version-lifecycle';

describe('the lifecycle of the versions of a definition (a template, a catalog item)', () => {
  it('edits the open draft in place', () => {
    expect(versionToEdit([{ version: 1, state: 'draft' }])).toEqual({ version: 1, isNew: false });
  });

  it('never edits a published or retired version: the edit starts the next version', () => {
    expect(versionToEdit([{ version: 1, state: 'published' }])).toEqual({
      version: 2,
      isNew: true,
    });
    expect(
      versionToEdit([
        { version: 1, state: 'retired' },
        { version: 2, state: 'retired' },
      ]),
    ).toEqual({ version: 3, isNew: true });
  });

  it('publishes the draft and retires the version it replaces', () => {
    expect(
      publication(
        [
          { version: 1, state: 'published' },
          { version: 2, state: 'draft' },
        ],
        'template',
      ),
    ).toEqual({ publish: 2, retire: 1 });
    expect(publication([{ version: 1, state: 'draft' }], 'template')).toEqual({
      publish: 1,
      retire: undefined,
    });
  });

  it('refuses to publish without a draft, naming the states of the versions', () => {
    const outcome = publication([{ version: 1, state: 'published' }], 'catalog item');
    expect(isRefusal(outcome) && outcome).toEqual({
      current: { 1: 'published' },
      reason: 'there is no draft to publish: edit the catalog item first',
    });
  });

  it('retires the published version, and refuses when none is published', () => {
    expect(retirement([{ version: 1, state: 'published' }])).toEqual({ retire: 1 });
    expect(isRefusal(retirement([{ version: 1, state: 'draft' }]))).toBe(true);
  });
});
