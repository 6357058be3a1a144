import { defineService } from '@itsm/runtime';
import { ApprovalDecision } from './approvals/approval-decision.entity';
import { ApprovalsModule } from './approvals/approvals.module';
import { RequestedItemApproval } from './approvals/requested-item-approval.entity';
import { CatalogItemVersion } from './catalog-items/catalog-item-version.entity';
import { CatalogItem } from './catalog-items/catalog-item.entity';
import { CatalogItemsModule } from './catalog-items/catalog-items.module';
import { CatalogCategory } from './categories/catalog-category.entity';
import { CategoriesModule } from './categories/categories.module';
import { HistoryModule } from './history/history.module';
import { MetricsModule } from './metrics/metrics.module';
import { CreateCatalog1767000000000 } from './migrations/1767000000000-create-catalog';
import { ApprovalsAndPeople1767100000000 } from './migrations/1767100000000-approvals-and-people';
import { Provisioning1767200000000 } from './migrations/1767200000000-provisioning';
import { DeliverySlas1767200000001 } from './migrations/1767200000001-delivery-slas';
import { ApprovalsListOrder1767200000002 } from './migrations/1767200000002-approvals-list-order';
import { PeopleVersions1767300000000 } from './migrations/1767300000000-people-versions';
import { ItemVersionsByCategory1767300000001 } from './migrations/1767300000001-item-versions-by-category';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { PeopleModule } from './people/people.module';
import { Person } from './people/person.entity';
import { CatalogTask } from './requests/catalog-task.entity';
import { Request } from './requests/request.entity';
import { RequestedItem } from './requests/requested-item.entity';
import { RequestsModule } from './requests/requests.module';

export const definition = defineService({
  practice: 'catalog',
  title: 'Service catalog and request fulfilment',
  description:
    'Offers services to employees: catalog items with their versioned forms, requests, requested items and fulfilment tasks.',
  version: '0.2.0',
  modules: [
    CatalogItemsModule,
    CategoriesModule,
    RequestsModule,
    ProvisioningModule,
    ApprovalsModule,
    PeopleModule,
    HistoryModule,
    MetricsModule,
  ],
  entities: [
    CatalogCategory,
    CatalogItem,
    CatalogItemVersion,
    Request,
    RequestedItem,
    CatalogTask,
    RequestedItemApproval,
    ApprovalDecision,
    Person,
  ],
  migrations: [
    CreateCatalog1767000000000,
    ApprovalsAndPeople1767100000000,
    Provisioning1767200000000,
    DeliverySlas1767200000001,
    ApprovalsListOrder1767200000002,
    PeopleVersions1767300000000,
    ItemVersionsByCategory1767300000001,
  ],
});
