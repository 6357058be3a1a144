import { Injectable } from '@nestjs/common';
import {
  decodeCursor,
  pageOf,
  validationProblem,
  type CursorPosition,
  type Page,
} from '@itsm/http';
import { DataSource } from 'typeorm';
import type { SearchKnownErrorsQuery } from './known-error.dto';
import type { KnownErrorView } from './known-error-view';

/** A known error's row as the search reads it. */
interface KnownErrorRow {
  id: string;
  number: string;
  short_description: string;
  state: KnownErrorView['state'];
  category: string | null;
  configuration_item_id: string | null;
  service_id: string | null;
  cause: string;
  cause_category: string | null;
  workaround: string;
  known_error_at: Date;
  known_error_by: string;
  rank: string | null;
  title_snippet: string | null;
  cause_snippet: string | null;
  workaround_snippet: string | null;
}

/**
 * Highlighted snippets are HTML: the stored text escaped, the matched words in `<mark>`, so that a
 * console can show them as they come without letting a problem's text inject markup.
 */
const escaped = (column: string) =>
  `replace(replace(replace(${column}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;
const SNIPPET = `'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;

/** What a known error's answer reads of its problem. */
const COLUMNS = [
  'id',
  'number',
  'short_description',
  'state',
  'category',
  'configuration_item_id',
  'service_id',
  'cause',
  'cause_category',
  'workaround',
  'known_error_at',
  'known_error_by',
];
const columnsOf = (alias: string) => COLUMNS.map((column) => `${alias}.${column}`).join(', ');

/** The ranked order's position (rank as PostgreSQL prints a real: exact when read back). */
const RANK = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * The known-error database: PostgreSQL full-text search over each problem's weighted search vector
 * (`websearch_to_tsquery`, the GIN index, `ts_rank_cd`, `ts_headline` on the page only), filtered
 * by CI, service and state, with keyset pagination in rank order.
 */
@Injectable()
export class KnownErrorSearch {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: SearchKnownErrorsQuery): Promise<Page<KnownErrorView>> {
    const parameters: unknown[] = [];
    const param = (value: unknown) => `$${parameters.push(value)}`;
    const filters = ['p.known_error'];
    if (query.ci) filters.push(`p.configuration_item_id = ${param(query.ci)}`);
    if (query.service) filters.push(`p.service_id = ${param(query.service)}`);
    if (query.state?.length) filters.push(`p.state = ANY(${param(query.state)})`);
    const rows = query.q
      ? await this.ranked(query, filters, parameters, param)
      : await this.newest(query, filters, parameters, param);
    const page = pageOf(rows, query.limit, (row): CursorPosition =>
      query.q
        ? { rank: row.rank!, id: row.id }
        : { at: row.known_error_at.toISOString(), id: row.id },
    );
    return { ...page, items: page.items.map(knownErrorView) };
  }

  private async ranked(
    query: SearchKnownErrorsQuery,
    filters: string[],
    parameters: unknown[],
    param: (value: unknown) => string,
  ): Promise<KnownErrorRow[]> {
    const text = param(query.q);
    let after = '';
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, { rank: 'text', id: 'uuid' });
      if (!RANK.test(String(cursor.rank))) throw badCursor();
      const rank = `${param(cursor.rank)}::real`;
      after = `WHERE (rank < ${rank} OR (rank = ${rank} AND id < ${param(cursor.id)}::uuid))`;
    }
    const limit = param(query.limit + 1);
    return (await this.dataSource.query(
      `WITH search AS (SELECT websearch_to_tsquery('english', ${text}) AS terms),
       matches AS (
         SELECT ${columnsOf('p')}, ts_rank_cd(p.search_vector, search.terms) AS rank
           FROM problems p, search
          WHERE p.search_vector @@ search.terms AND ${filters.join(' AND ')}),
       page AS (SELECT * FROM matches ${after} ORDER BY rank DESC, id DESC LIMIT ${limit})
       SELECT ${columnsOf('page')}, page.rank::text AS rank,
              ts_headline('english', ${escaped('page.short_description')}, search.terms,
                          'StartSel=<mark>, StopSel=</mark>, HighlightAll=true') AS title_snippet,
              ts_headline('english', ${escaped('page.cause')}, search.terms, ${SNIPPET}) AS cause_snippet,
              ts_headline('english', ${escaped('page.workaround')}, search.terms, ${SNIPPET})
                AS workaround_snippet
         FROM page, search
        ORDER BY page.rank DESC, page.id DESC`,
      parameters,
    )) as KnownErrorRow[];
  }

  private async newest(
    query: SearchKnownErrorsQuery,
    filters: string[],
    parameters: unknown[],
    param: (value: unknown) => string,
  ): Promise<KnownErrorRow[]> {
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, { at: 'timestamp', id: 'uuid' });
      filters.push(
        `(p.known_error_at, p.id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)}::uuid)`,
      );
    }
    return (await this.dataSource.query(
      `SELECT ${columnsOf('p')}, NULL AS rank, NULL AS title_snippet, NULL AS cause_snippet,
              NULL AS workaround_snippet
         FROM problems p WHERE ${filters.join(' AND ')}
        ORDER BY p.known_error_at DESC, p.id DESC LIMIT ${param(query.limit + 1)}`,
      parameters,
    )) as KnownErrorRow[];
  }
}

function badCursor() {
  return validationProblem([
    { field: 'cursor', message: 'cursor is not one this list issued; start again without it' },
  ]);
}

function knownErrorView(row: KnownErrorRow): KnownErrorView {
  return {
    id: row.id,
    number: row.number,
    shortDescription: row.short_description,
    state: row.state,
    category: row.category,
    configurationItemId: row.configuration_item_id,
    serviceId: row.service_id,
    cause: row.cause,
    causeCategory: row.cause_category,
    workaround: row.workaround,
    knownErrorAt: row.known_error_at,
    knownErrorBy: row.known_error_by,
    rank: row.rank === null ? null : Number(row.rank),
    highlights:
      row.title_snippet === null
        ? null
        : {
            shortDescription: row.title_snippet,
            cause: row.cause_snippet!,
            workaround: row.workaround_snippet!,
          },
  };
}
