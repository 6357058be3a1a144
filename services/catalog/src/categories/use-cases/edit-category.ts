import { Injectable } from '@nestjs/common';
import { recordNotFound } from '@itsm/auth';
import { assertVersion, withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { CatalogCategory } from '../catalog-category.entity';
import type { EditCategoryRequest } from '../category.dto';
import { categoryView, type CategoryView } from '../category.response';
import { saveCategory } from '../save-category';
import type { Principal } from '@itsm/auth';

/** Renames a category or rewrites its description, if it is still the version the caller read. */
@Injectable()
export class EditCategory {
  constructor(private readonly dataSource: DataSource) {}

  execute(
    id: string,
    request: EditCategoryRequest,
    version: number,
    caller: Principal,
  ): Promise<CategoryView> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        const category = await manager.findOne(CatalogCategory, {
          where: { id },
          lock: { mode: 'for_no_key_update' },
        });
        if (!category) throw recordNotFound('Catalog category', id);
        assertVersion(category, 'Catalog category', version);
        if (request.name !== undefined) category.name = request.name;
        if (request.description !== undefined) category.description = request.description;
        return categoryView(await saveCategory(manager, category));
      }),
    );
  }
}
