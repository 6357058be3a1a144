import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, recordNotFound, Roles, type Principal } from '@itsm/auth';
import {
  ApiPage,
  decodeLogCursor,
  HistoryLineResponse,
  PageQuery,
  pageOf,
  ParseIdPipe,
} from '@itsm/http';
import { auditHistory } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { FULFILLERS, MANAGERS, PEOPLE } from '../access';
import { CatalogCategory } from '../categories/catalog-category.entity';
import { CatalogTask } from '../requests/catalog-task.entity';
import { mayViewRequest, mayWorkTask } from '../requests/domain/request-access';
import { Request } from '../requests/request.entity';
import { RequestedItem } from '../requests/requested-item.entity';

const PAGE = 'One page of field changes, oldest first';

/**
 * The audit history of requests, requested items, catalog tasks and categories: every field change,
 * who made it and when, seen by whoever may see the record.
 */
@ApiTags('history')
@Controller('api/v1')
export class HistoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('requests/:id/history')
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'listRequestHistory',
    summary: 'Every field change of a request (its requester, who it is for, catalog managers)',
  })
  @ApiPage(HistoryLineResponse, PAGE)
  async request(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() caller: Principal,
  ) {
    const request = await this.dataSource.manager.findOneBy(Request, { id });
    if (!request || !mayViewRequest(caller, request)) throw recordNotFound('Request', id);
    return this.lines('request', id, query);
  }

  @Get('requested-items/:id/history')
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'listRequestedItemHistory',
    summary: 'Every field change of a requested item (whoever sees its request)',
  })
  @ApiPage(HistoryLineResponse, PAGE)
  async requestedItem(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() caller: Principal,
  ) {
    const item = await this.dataSource.manager.findOneBy(RequestedItem, { id });
    const request =
      item && (await this.dataSource.manager.findOneBy(Request, { id: item.requestId }));
    if (!request || !mayViewRequest(caller, request)) throw recordNotFound('Requested item', id);
    return this.lines('requested_item', id, query);
  }

  @Get('catalog-tasks/:id/history')
  @Roles(...FULFILLERS)
  @ApiOperation({
    operationId: 'listCatalogTaskHistory',
    summary: 'Every field change of a catalog task (its group, catalog managers)',
  })
  @ApiPage(HistoryLineResponse, PAGE)
  async task(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() caller: Principal,
  ) {
    const task = await this.dataSource.manager.findOneBy(CatalogTask, { id });
    if (!task || !mayWorkTask(caller, task)) throw recordNotFound('Catalog task', id);
    return this.lines('catalog_task', id, query);
  }

  @Get('catalog-categories/:id/history')
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'listCatalogCategoryHistory',
    summary:
      'Every field change of a category, its creation and its removal (catalog managers; also once removed)',
  })
  @ApiPage(HistoryLineResponse, PAGE)
  async category(@Param('id', ParseIdPipe) id: string, @Query() query: PageQuery) {
    const page = await this.lines('catalog_category', id, query);
    // A removed category keeps its history; one that never was has none to show.
    if (page.items.length === 0 && !query.cursor) {
      const exists = await this.dataSource.manager.existsBy(CatalogCategory, { id });
      if (!exists) throw recordNotFound('Catalog category', id);
    }
    return page;
  }

  private async lines(entityType: string, id: string, query: PageQuery) {
    const lines = await auditHistory(
      this.dataSource.manager,
      entityType,
      id,
      decodeLogCursor(query.cursor),
      query.limit + 1,
    );
    return pageOf(lines, query.limit, (line) => ({ id: line.id }));
  }
}
