import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import {
  decodeCursor,
  PageQuery,
  pageOf,
  problem,
  validationProblem,
  ParseIdPipe,
} from '@itsm/http';
import { DataSource } from 'typeorm';
import { READERS } from '../access';
import { historyLine, type AuditRow } from './ci-history';

@ApiTags('cis')
@Controller('api/v1/cis')
export class HistoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Every change of the CI: fields, attributes and relationships, with who or which source',
  })
  async history(@Param('id', ParseIdPipe) id: string, @Query() query: PageQuery) {
    const after = query.cursor ? historyPosition(query.cursor) : 0;
    const rows = (await this.dataSource.query(
      `SELECT id, field, old_value, new_value, operation, actor, changed_at
         FROM audit_trail
        WHERE entity_type = 'ci' AND entity_id = $1 AND id > $2
        ORDER BY id LIMIT $3`,
      [id, after, query.limit + 1],
    )) as AuditRow[];
    if (rows.length === 0 && after === 0) {
      const [exists] = (await this.dataSource.query(
        'SELECT 1 FROM configuration_items WHERE id = $1',
        [id],
      )) as unknown[];
      if (!exists) throw problem(404, 'not-found', 'CI not found', `No CI ${id}`);
    }
    const page = pageOf(rows, query.limit, (row) => ({ id: String(row.id) }));
    return { ...page, items: page.items.map(historyLine) };
  }
}

/** The audit row id a history cursor points after; anything else is the 400 of a foreign cursor. */
function historyPosition(cursor: string): number {
  const position = Number(decodeCursor(cursor, ['id']).id);
  if (Number.isSafeInteger(position) && position >= 0) return position;
  throw validationProblem([{ field: 'cursor', message: 'cursor is not one this list issued' }]);
}
