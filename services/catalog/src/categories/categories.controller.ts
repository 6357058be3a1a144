import {
  Body,
  Controller,
  Delete,
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
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, recordNotFound, Roles, type Principal } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiOptionalIfMatch,
  ApiPage,
  ApiProblem,
  ApiVersionedChange,
  decodeCursor,
  ETAG_HEADER,
  expectedVersion,
  optionalExpectedVersion,
  PageQuery,
  pageOf,
  ParseIdPipe,
} from '@itsm/http';
import { DataSource } from 'typeorm';
import { PEOPLE, MANAGERS } from '../access';
import { CatalogCategory } from './catalog-category.entity';
import { CreateCategoryRequest, EditCategoryRequest } from './category.dto';
import { categoryView, CategoryResponse } from './category.response';
import { CreateCategory } from './use-cases/create-category';
import { EditCategory } from './use-cases/edit-category';
import { RemoveCategory } from './use-cases/remove-category';

/** The categories of the catalog: straight reads and writes; one in use is not removed. */
@ApiTags('catalog categories')
@AnswersWithETag()
@Controller('api/v1/catalog-categories')
export class CategoriesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly createCategory: CreateCategory,
    private readonly editCategory: EditCategory,
    private readonly removeCategory: RemoveCategory,
  ) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'createCatalogCategory', summary: 'Add a category' })
  @ApiResponse({
    status: 201,
    type: CategoryResponse,
    headers: {
      Location: { description: 'The URL of the new category', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
  })
  @ApiProblem(409, 'Another category has this name')
  async create(
    @Body() request: CreateCategoryRequest,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const category = await this.createCategory.execute(request, caller);
    void reply.header('location', `/api/v1/catalog-categories/${category.id}`);
    return category;
  }

  @Get()
  @Roles(...PEOPLE)
  @ApiOperation({ operationId: 'listCatalogCategories', summary: 'Categories by name' })
  @ApiPage(CategoryResponse, 'One page of categories, by name')
  async list(@Query() query: PageQuery) {
    const builder = this.dataSource.manager
      .createQueryBuilder(CatalogCategory, 'c')
      .orderBy('lower(c.name)')
      .addOrderBy('c.id')
      .take(query.limit + 1);
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { name: 'text', id: 'uuid' });
      builder.andWhere('(lower(c.name), c.id) > (lower(:name), :afterId::uuid)', {
        name: after.name,
        afterId: after.id,
      });
    }
    // The name as stored, lower-cased by PostgreSQL as the order is: JavaScript's lower case differs.
    const page = pageOf(await builder.getMany(), query.limit, (c) => ({ name: c.name, id: c.id }));
    return { ...page, items: page.items.map(categoryView) };
  }

  @Get(':id')
  @Roles(...PEOPLE)
  @ApiOperation({ operationId: 'getCatalogCategory', summary: 'One category' })
  @ApiOkResponse({ type: CategoryResponse, headers: ETAG_HEADER })
  async get(@Param('id', ParseIdPipe) id: string) {
    const category = await this.dataSource.manager.findOneBy(CatalogCategory, { id });
    if (!category) throw recordNotFound('Catalog category', id);
    return categoryView(category);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiVersionedChange({
    answer: 'The category as changed',
    conflicts: 'another category has the name',
    type: CategoryResponse,
  })
  @ApiOperation({
    operationId: 'editCatalogCategory',
    summary: 'Rename a category or change its description',
  })
  edit(
    @Param('id', ParseIdPipe) id: string,
    @Body() request: EditCategoryRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ) {
    return this.editCategory.execute(
      id,
      request,
      expectedVersion(ifMatch, request.version),
      caller,
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'deleteCatalogCategory',
    summary: 'Remove a category no catalog item uses',
  })
  @ApiOptionalIfMatch('the category is removed')
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblem(
    409,
    'Catalog items use the category (`itemsUsing` says how many), or it changed since the If-Match version was read',
  )
  async remove(
    @Param('id', ParseIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() caller: Principal,
  ): Promise<void> {
    await this.removeCategory.execute(id, optionalExpectedVersion(ifMatch), caller);
  }
}
