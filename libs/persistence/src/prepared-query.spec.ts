import type { EntityManager } from 'typeorm';

type PreparedQueryModule = typeof import('./prepared-query');

/** A fresh module (its names start empty) and a manager whose connection records each query. */
function setUp(): { module: PreparedQueryModule; manager: EntityManager; sent: object[] } {
  let module!: PreparedQueryModule;
  jest.isolateModules(() => {
    module = jest.requireActual<PreparedQueryModule>('./prepared-query');
  });
  const sent: object[] = [];
  const client = {
    query: (config: object) => {
      sent.push(config);
      return Promise.resolve({ rows: [] });
    },
  };
  const manager = { queryRunner: { connect: () => Promise.resolve(client) } };
  return { module, manager: manager as unknown as EntityManager, sent };
}

describe('preparedQuery', () => {
  it('names a statement by its text, the same name at every call', async () => {
    const { module, manager, sent } = setUp();
    await module.preparedQuery(manager, 'SELECT $1::int AS one', [1]);
    await module.preparedQuery(manager, 'SELECT $1::int AS one', [2]);
    await module.preparedQuery(manager, 'SELECT $1::int AS two', [2]);
    const [first, again, other] = sent as Array<{ name?: string }>;
    expect(first!.name).toMatch(/^itsm_[0-9a-f]{24}$/);
    expect(again!.name).toBe(first!.name);
    expect(other!.name).not.toBe(first!.name);
  });

  it('prepares at most MAX_PREPARED_STATEMENTS texts; the others run unnamed', async () => {
    const { module, manager, sent } = setUp();
    const texts = Array.from(
      { length: module.MAX_PREPARED_STATEMENTS + 2 },
      (_, i) => `SELECT $1::int AS c${i}`,
    );
    for (const text of texts) await module.preparedQuery(manager, text, [1]);
    await module.preparedQuery(manager, texts[0]!, [1]);
    const names = (sent as Array<{ name?: string; text: string }>).map((query) => query.name);
    expect(names.slice(0, module.MAX_PREPARED_STATEMENTS).every(Boolean)).toBe(true);
    expect(names.slice(module.MAX_PREPARED_STATEMENTS, -1)).toEqual([undefined, undefined]);
    expect(names.at(-1)).toBe(names[0]);
    expect(sent.at(-2)).toEqual({ text: texts.at(-1), values: [1] });
  });
});
