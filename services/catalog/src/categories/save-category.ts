import { HttpStatus } from '@nestjs/common';
import { problem } from '@itsm/http';
import { brokenUniqueConstraint } from '@itsm/persistence';
import type { EntityManager } from 'typeorm';
import { CatalogCategory } from './catalog-category.entity';

/** Saves a category; a name another category has is a 409 naming the field. */
export function saveCategory(manager: EntityManager, category: CatalogCategory) {
  return manager.save(category).catch((error: unknown) => {
    if (brokenUniqueConstraint(error) !== 'catalog_category_name') throw error;
    throw problem(
      HttpStatus.CONFLICT,
      'category-name-taken',
      'Another category has this name',
      `A category named "${category.name}" exists already`,
      { errors: [{ field: 'name', message: 'another category has this name' }] },
    );
  });
}
