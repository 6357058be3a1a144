import { Module } from '@nestjs/common';
import { CategoriesController } from './categories.controller';
import { CreateCategory } from './use-cases/create-category';
import { EditCategory } from './use-cases/edit-category';
import { RemoveCategory } from './use-cases/remove-category';

/** The shelves of the catalog. */
@Module({
  controllers: [CategoriesController],
  providers: [CreateCategory, EditCategory, RemoveCategory],
})
export class CategoriesModule {}
