import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogCategory } from '../catalog-category.entity';
import type { CreateCategoryRequest } from '../category.dto';
import { categoryView, type CategoryView } from '../category.response';
import { saveCategory } from '../save-category';
import type { Principal } from '@itsm/auth';
import { withAuditActor } from '@itsm/persistence';

/** Adds a shelf to the catalog under a name no other category has. */
@Injectable()
export class CreateCategory {
  constructor(private readonly dataSource: DataSource) {}

  execute(request: CreateCategoryRequest, caller: Principal): Promise<CategoryView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const category = manager.create(CatalogCategory, {
          name: request.name,
          description: request.description ?? null,
        });
        return categoryView(await saveCategory(manager, category));
      }),
    );
  }
}
