import { Module } from '@nestjs/common';
import { CatalogItemWriter } from './catalog-item-writer';
import { CatalogItemsController } from './catalog-items.controller';
import { CatalogItemsService } from './catalog-items.service';
import { FormValidators } from './form-validators';
import { CreateCatalogItem } from './use-cases/create-catalog-item';
import { EditCatalogItem } from './use-cases/edit-catalog-item';
import { PublishCatalogItem } from './use-cases/publish-catalog-item';
import { RetireCatalogItem } from './use-cases/retire-catalog-item';

/** The catalog: items, their versioned forms, plans, approvals and audiences. */
@Module({
  controllers: [CatalogItemsController],
  providers: [
    CatalogItemsService,
    CatalogItemWriter,
    CreateCatalogItem,
    EditCatalogItem,
    PublishCatalogItem,
    RetireCatalogItem,
    FormValidators,
  ],
  exports: [CatalogItemsService, FormValidators],
})
export class CatalogItemsModule {}
