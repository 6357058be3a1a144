import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import {
  ApiPage,
  decodeLogCursor,
  PageQuery,
  pageOf,
  problem,
  ParseIdPipe,
  HistoryLineResponse,
} from '@itsm/http';
import { auditHistory } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { READERS } from '../access';

@ApiTags('cis')
@Controller('api/v1/cis')
export class HistoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'listCiHistory',
    summary:
      'Every change of the CI: fields, attributes and relationships, with who or which source',
  })
  @ApiPage(HistoryLineResponse, 'One page of history lines, oldest first')
  async history(@Param('id', ParseIdPipe) id: string, @Query() query: PageQuery) {
    const after = decodeLogCursor(query.cursor);
    const lines = await auditHistory(this.dataSource.manager, 'ci', id, after, query.limit + 1);
    if (lines.length === 0 && after === 0) {
      const [exists] = (await this.dataSource.query(
        'SELECT 1 FROM configuration_items WHERE id = $1',
        [id],
      )) as unknown[];
      if (!exists) throw problem(404, 'not-found', 'CI not found', `No CI ${id}`);
    }
    return pageOf(lines, query.limit, (line) => ({ id: line.id }));
  }
}
