import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ImpactGraph, type CiSummary } from './domain/impact-graph';

/** Replicas look at the log at least this often, so that they stay current between requests. */
const POLL_INTERVAL_MS = 5_000;
/** The log keeps an hour; a replica that has not caught up for half of that loads afresh. */
const LOG_RETENTION = '1 hour';
const RELOAD_AFTER_MS = 30 * 60_000;
const PRUNE_INTERVAL_MS = 10 * 60_000;
/** More changes than this since the last look (a bulk load in SQL): loading afresh is cheaper. */
const MAX_CHANGES = 50_000;
const PAGE = 50_000;
/** Edges changed since the graph's rows were built, beyond which they are built again. */
const MAX_OVERLAY = 100_000;

/**
 * Keeps the relationship graph of `ImpactGraph` in this replica's memory, current with PostgreSQL.
 *
 * It loads every CI and relationship in one REPEATABLE READ snapshot, then reads the `graph_changes`
 * log (written by triggers) for the transactions that snapshot did not see, and reloads the rows
 * they touched, in one statement whose snapshot becomes the next starting point. Each transaction is
 * taken exactly once, in whatever order transactions commit. `current()` catches up before it
 * answers, so an answer includes every change committed before the request, on any replica.
 */
@Injectable()
export class GraphSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GraphSync.name);
  private graph?: ImpactGraph;
  private snapshot = '';
  private syncedAt = 0;
  private inFlight?: Promise<void>;
  private waiting?: Promise<void>;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly interned = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const quietly = (work: () => Promise<unknown>) => () =>
      void work().catch((error: Error) => this.logger.warn(`graph sync: ${error.message}`));
    quietly(() => this.refresh())();
    this.timers.push(
      setInterval(
        quietly(() => this.refresh()),
        POLL_INTERVAL_MS,
      ).unref(),
      setInterval(
        quietly(() => this.prune()),
        PRUNE_INTERVAL_MS,
      ).unref(),
    );
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /** The graph with every change committed before this call. */
  async current(): Promise<ImpactGraph> {
    await this.refresh();
    return this.graph!;
  }

  /**
   * One sync at a time; callers arriving during one wait for the next, which starts after it (the
   * running one may have taken its snapshot before their changes committed).
   */
  private refresh(): Promise<void> {
    if (this.waiting) return this.waiting;
    if (!this.inFlight) {
      this.inFlight = this.sync().finally(() => (this.inFlight = undefined));
      return this.inFlight;
    }
    this.waiting = this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.waiting = undefined;
        return this.refresh();
      });
    return this.waiting;
  }

  private async sync(): Promise<void> {
    if (!this.graph || Date.now() - this.syncedAt > RELOAD_AFTER_MS) return this.load();
    const started = Date.now();
    const [delta] = (await this.dataSource.query(CATCH_UP, [this.snapshot, MAX_CHANGES + 1])) as [
      {
        snapshot: string;
        changes: number;
        cis: Array<{ id: string; ci: CiSummary | null }>;
        edges: Array<{ source: string; target: string; present: boolean }>;
      },
    ];
    if (delta.changes > MAX_CHANGES) return this.load();
    for (const { id, ci } of delta.cis) this.graph.putCi(id, ci ? this.summary(ci) : undefined);
    for (const edge of delta.edges) this.graph.putEdge(edge.source, edge.target, edge.present);
    if (this.graph.overlaySize > MAX_OVERLAY) this.graph.seal();
    this.snapshot = delta.snapshot;
    this.syncedAt = started;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const graph = new ImpactGraph();
    const snapshot = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [{ snapshot }] = (await manager.query(
        'SELECT pg_current_snapshot()::text AS snapshot',
      )) as [{ snapshot: string }];
      await this.loadCis(manager, graph);
      await this.loadEdges(manager, graph);
      return snapshot;
    });
    graph.layOut();
    this.graph = graph;
    this.snapshot = snapshot;
    this.syncedAt = started;
    this.logger.log(`graph loaded: ${graph.size} CIs in ${Date.now() - started} ms`);
  }

  private async loadCis(manager: EntityManager, graph: ImpactGraph): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = (await manager.query(
        `SELECT ${SUMMARY} FROM configuration_items ci WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
        [after],
      )) as CiSummary[];
      for (const ci of page) graph.putCi(ci.id, this.summary(ci));
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  /** In the order of the unique index, so the pairs repeated with another type come together. */
  private async loadEdges(manager: EntityManager, graph: ImpactGraph): Promise<void> {
    let after = [
      '00000000-0000-0000-0000-000000000000',
      '00000000-0000-0000-0000-000000000000',
      '',
    ];
    let previous = '';
    for (;;) {
      const page = (await manager.query(
        `SELECT source_id AS source, target_id AS target, type FROM relationships
          WHERE (source_id, target_id, type) > ($1, $2, $3)
          ORDER BY source_id, target_id, type LIMIT ${PAGE}`,
        after,
      )) as Array<{ source: string; target: string; type: string }>;
      for (const { source, target } of page) {
        const pair = source + target;
        if (pair !== previous) graph.appendEdge(source, target);
        previous = pair;
      }
      if (page.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = [last.source, last.target, last.type];
    }
  }

  private async prune(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM graph_changes WHERE changed_at < now() - interval '${LOG_RETENTION}'`,
    );
  }

  /** A million CIs share a handful of statuses and classes: one string each, not one per CI. */
  private summary(ci: CiSummary): CiSummary {
    return {
      id: ci.id,
      name: ci.name,
      status: this.intern(ci.status),
      criticality: Number(ci.criticality),
      classId: this.intern(ci.classId),
    };
  }

  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  }
}

const SUMMARY = `ci.id, ci.name, ci.operational_status AS status, ci.criticality, ci.class_id AS "classId"`;

/**
 * The transactions committed since the last snapshot, and the current state of every CI and CI pair
 * they touched, all read in the statement's own snapshot, which the answer returns for next time.
 */
const CATCH_UP = `
  WITH changes AS MATERIALIZED (
    SELECT ci_id, source_id, target_id FROM graph_changes
     WHERE txid >= pg_snapshot_xmin($1::pg_snapshot)
       AND NOT pg_visible_in_snapshot(txid, $1::pg_snapshot)
     LIMIT $2
  )
  SELECT pg_current_snapshot()::text AS snapshot,
         (SELECT count(*)::int FROM changes) AS changes,
         (SELECT coalesce(json_agg(json_build_object('id', c.ci_id, 'ci',
                   CASE WHEN ci.id IS NULL THEN NULL ELSE json_build_object(
                     'id', ci.id, 'name', ci.name, 'status', ci.operational_status,
                     'criticality', ci.criticality, 'classId', ci.class_id) END)), '[]')
            FROM (SELECT DISTINCT ci_id FROM changes WHERE ci_id IS NOT NULL) c
            LEFT JOIN configuration_items ci ON ci.id = c.ci_id) AS cis,
         (SELECT coalesce(json_agg(json_build_object('source', e.source_id, 'target', e.target_id,
                   'present', EXISTS (SELECT 1 FROM relationships r
                                       WHERE r.source_id = e.source_id AND r.target_id = e.target_id))), '[]')
            FROM (SELECT DISTINCT source_id, target_id FROM changes WHERE source_id IS NOT NULL) e) AS edges`;
