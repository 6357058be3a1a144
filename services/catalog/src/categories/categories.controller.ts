import { Body, Controller, Get, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@itsm/auth';
import {
  AnswersWithETag,
  ApiPage,
  ApiProblem,
  decodeCursor,
  ETAG_HEADER,
  PageQuery,
  pageOf,
  problem,
} from '@itsm/http';
import { brokenUniqueConstraint } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { PEOPLE, MANAGERS } from '../access';
import { CatalogCategory } from './catalog-category.entity';
import { CreateCategoryRequest } from './category.dto';
import { categoryView, CategoryResponse } from './category.response';

/** The categories of the catalog: two straight reads and writes, no rules of their own. */
@ApiTags('catalog categories')
@Controller('api/v1/catalog-categories')
export class CategoriesController {
  constructor(private readonly dataSource: DataSource) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'createCatalogCategory', summary: 'Add a category' })
  @ApiResponse({ status: 201, type: CategoryResponse, headers: ETAG_HEADER })
  @AnswersWithETag()
  @ApiProblem(409, 'Another category has this name')
  async create(@Body() request: CreateCategoryRequest) {
    const manager = this.dataSource.manager;
    const category = manager.create(CatalogCategory, {
      name: request.name,
      description: request.description ?? null,
    });
    const saved = await manager.save(category).catch((error: unknown) => {
      if (brokenUniqueConstraint(error) !== 'catalog_category_name') throw error;
      throw problem(
        HttpStatus.CONFLICT,
        'category-name-taken',
        'Another category has this name',
        `A category named "${request.name}" exists already`,
        { errors: [{ field: 'name', message: 'another category has this name' }] },
      );
    });
    return categoryView(saved);
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
      builder.andWhere('(lower(c.name), c.id) > (:name, :afterId::uuid)', {
        name: after.name,
        afterId: after.id,
      });
    }
    const page = pageOf(await builder.getMany(), query.limit, (c) => ({
      name: c.name.toLowerCase(),
      id: c.id,
    }));
    return { ...page, items: page.items.map(categoryView) };
  }
}
