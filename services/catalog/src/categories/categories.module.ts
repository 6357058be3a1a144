import { Module } from '@nestjs/common';
import { CategoriesController } from './categories.controller';

/** The shelves of the catalog. */
@Module({ controllers: [CategoriesController] })
export class CategoriesModule {}
