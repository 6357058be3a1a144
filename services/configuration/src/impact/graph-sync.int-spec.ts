import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { Client } from 'pg';
import { definition } from '../configuration.definition';
import { GraphSync } from './graph-sync';
import { walk } from './domain/impact-walk.testing';

jest.setTimeout(120_000);

/**
 * The in-memory graph each replica answers impact from stays exactly as current as PostgreSQL: every
 * committed change, in any commit order, from any writer (the API, imports, plain SQL), on every
 * replica.
 */
describe('the graph each replica keeps in memory, against real PostgreSQL', () => {
  let cmdb: ServiceUnderTest;
  let sql: Client;
  const ids: Record<string, string> = {};

  const impactOf = async (name: string) => {
    const response = await cmdb.call('GET', `/api/v1/cis/${ids[name]}/impact`, { as: 'alice' });
    expect(response.statusCode).toBe(200);
    return (response.json().items as Array<{ name: string }>).map((i) => i.name).sort();
  };
  const relateInSql = (db: Client, source: string, target: string) =>
    db.query(
      `INSERT INTO relationships (type, source_id, target_id, created_by) VALUES ('depends_on', $1, $2, 'sql')`,
      [ids[source], ids[target]],
    );

  beforeAll(async () => {
    cmdb = await startServiceUnderTest(definition);
    sql = new Client({ connectionString: cmdb.database.url });
    await sql.connect();
    for (const name of ['db', 'app-1', 'app-2', 'app-3']) {
      const payload =
        name === 'db'
          ? { className: 'database', name, attributes: { engine: 'postgresql' } }
          : { className: 'application', name };
      const response = await cmdb.call('POST', '/api/v1/cis', { as: 'conor', payload });
      expect(response.statusCode).toBe(201);
      ids[name] = response.json().id;
    }
  });

  afterAll(async () => {
    await sql.end();
    await cmdb.close();
  });

  it('takes a transaction that committed after a later one, once it commits', async () => {
    const early = new Client({ connectionString: cmdb.database.url });
    await early.connect();
    try {
      await early.query('BEGIN');
      await relateInSql(early, 'app-1', 'db');
      await relateInSql(sql, 'app-2', 'db');
      expect(await impactOf('db')).toEqual(['app-2']);
      await early.query('COMMIT');
      expect(await impactOf('db')).toEqual(['app-1', 'app-2']);
    } finally {
      await early.end();
    }
  });

  it('shows a change made on another replica to the very next request', async () => {
    const otherReplica = new GraphSync(cmdb.dataSource);
    expect(
      walk(await otherReplica.current(), ids['db']!, 'impact', { maxDepth: 3, limit: 10 }).rows,
    ).toHaveLength(2);

    await cmdb.call('POST', '/api/v1/relationships', {
      as: 'conor',
      payload: { type: 'depends_on', sourceId: ids['app-3'], targetId: ids['app-1'] },
    });
    await sql.query(`UPDATE configuration_items SET name = 'app-two' WHERE id = $1`, [
      ids['app-2'],
    ]);
    await sql.query(`DELETE FROM relationships WHERE source_id = $1`, [ids['app-1']]);

    const graph = await otherReplica.current();
    expect(graph.ci(ids['app-2']!)?.name).toBe('app-two');
    expect(
      walk(graph, ids['app-1']!, 'impact', { maxDepth: 3, limit: 10 }).rows.map((r) => r.name),
    ).toEqual(['app-3']);
    expect(await impactOf('db')).toEqual(['app-two']);
  });

  it('forgets a deleted CI and loads afresh after a bulk load in SQL', async () => {
    const response = await cmdb.call('DELETE', `/api/v1/cis/${ids['app-3']}?relationships=delete`, {
      as: 'conor',
    });
    expect(response.statusCode).toBe(204);
    expect(await impactOf('app-1')).toEqual([]);

    await sql.query(
      `INSERT INTO configuration_items (class_id, identity_class_id, name, operational_status, criticality, created_by)
       SELECT c.id, c.id, 'bulk-' || i, 'operational', 3, 'sql'
         FROM ci_classes c, generate_series(1, 60000) AS i WHERE c.name = 'application'`,
    );
    await relateInSql(sql, 'app-1', 'db');
    const graph = await new GraphSync(cmdb.dataSource).current();
    expect(graph.size).toBe(60_003);
    expect(await impactOf('db')).toEqual(['app-1', 'app-two']);
  });
});
