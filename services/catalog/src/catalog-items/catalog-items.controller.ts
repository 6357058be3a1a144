import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentUser, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiPage,
  ApiProblem,
  ApiVersionedChange,
  ETAG_HEADER,
  expectedVersion,
  ParseIdPipe,
} from '@itsm/http';
import { PEOPLE, MANAGERS } from '../access';
import {
  CreateCatalogItemRequest,
  EditCatalogItemRequest,
  ItemLifecycleRequest,
  ListCatalogItemsQuery,
} from './catalog-item.dto';
import { CatalogItemResponse } from './catalog-item.response';
import { CatalogItemsService } from './catalog-items.service';
import { CreateCatalogItem } from './use-cases/create-catalog-item';
import { EditCatalogItem } from './use-cases/edit-catalog-item';
import { PublishCatalogItem } from './use-cases/publish-catalog-item';
import { RetireCatalogItem } from './use-cases/retire-catalog-item';

export class FormQuery {
  @ApiPropertyOptional({ description: 'A version other than the published one (catalog managers)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

@ApiTags('catalog items')
@AnswersWithETag()
@Controller('api/v1/catalog-items')
export class CatalogItemsController {
  constructor(
    private readonly items: CatalogItemsService,
    private readonly createItem: CreateCatalogItem,
    private readonly editItem: EditCatalogItem,
    private readonly publishItem: PublishCatalogItem,
    private readonly retireItem: RetireCatalogItem,
  ) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'createCatalogItem',
    summary: 'Add a catalog item: version 1, a draft until published',
  })
  @ApiResponse({
    status: 201,
    type: CatalogItemResponse,
    headers: {
      Location: { description: 'The URL of the new item', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
  })
  @ApiProblem(409, 'Another item has this name')
  async create(
    @Body() request: CreateCatalogItemRequest,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const item = await this.createItem.execute(request, caller);
    void reply.header('location', `/api/v1/catalog-items/${item.id}`);
    return item;
  }

  @Get()
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'listCatalogItems',
    summary: 'Items by name: the ones the caller may order (catalog managers: all, every version)',
  })
  @ApiPage(CatalogItemResponse, 'One page of items, by name')
  list(@Query() query: ListCatalogItemsQuery, @CurrentUser() caller: Principal) {
    return this.items.list(query, caller);
  }

  @Get(':id')
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'getCatalogItem',
    summary: 'An item with the versions the caller may see',
  })
  @ApiOkResponse({ type: CatalogItemResponse, headers: ETAG_HEADER })
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() caller: Principal) {
    return this.items.get(id, caller);
  }

  @Get(':id/form')
  @Roles(...PEOPLE)
  @ApiOperation({
    operationId: 'getCatalogItemForm',
    summary:
      "The item's form as JSON Schema (draft-07): what a portal renders and requests are validated with",
  })
  @ApiOkResponse({
    description: 'A JSON Schema; `x-order`, `x-show-when` and `x-reference` guide the rendering',
    schema: { type: 'object', additionalProperties: true },
  })
  form(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: FormQuery,
    @CurrentUser() caller: Principal,
  ) {
    return this.items.form(id, caller, query.version);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The item, its draft edited (a new draft version when none was open)',
    conflicts: 'another item has the name',
    type: CatalogItemResponse,
  })
  @ApiOperation({
    operationId: 'editCatalogItem',
    summary: 'Rename it or edit its draft; a published version never changes',
  })
  edit(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: EditCatalogItemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.editItem.execute(id, request, expectedVersion(ifMatch, request.version), caller);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The item with its draft published',
    conflicts: 'it has no draft',
    type: CatalogItemResponse,
  })
  @ApiOperation({
    operationId: 'publishCatalogItem',
    summary: 'Publish the draft; the version published before retires',
  })
  publish(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: ItemLifecycleRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.publishItem.execute(id, expectedVersion(ifMatch, request.version), caller);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The item with no published version',
    conflicts: 'no version is published',
    type: CatalogItemResponse,
  })
  @ApiOperation({
    operationId: 'retireCatalogItem',
    summary: 'Retire the published version: nobody orders the item any more',
  })
  retire(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: ItemLifecycleRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.retireItem.execute(id, expectedVersion(ifMatch, request.version), caller);
  }
}
