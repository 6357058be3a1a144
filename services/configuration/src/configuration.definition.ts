import { defineService } from '@itsm/runtime';
import { ChangeHistoryModule } from './change-history/change-history.module';
import { CiClass } from './classes/ci-class.entity';
import { ClassesModule } from './classes/classes.module';
import { CisModule } from './cis/cis.module';
import { ConfigurationItem } from './cis/configuration-item.entity';
import { HistoryModule } from './history/history.module';
import { ImpactModule } from './impact/impact.module';
import { DataSourceRank } from './imports/data-source.entity';
import { ImportsModule } from './imports/imports.module';
import { CreateCmdb1764500000000 } from './migrations/1764500000000-create-cmdb';
import { GraphChanges1764700000000 } from './migrations/1764700000000-graph-changes';
import { ProvisionedCis1764900000000 } from './migrations/1764900000000-provisioned-cis';
import { Relationship, RelationshipRuleRow } from './relationships/relationship.entity';
import { RelationshipsModule } from './relationships/relationships.module';
import { ProvisioningModule } from './provisioning/provisioning.module';

export const definition = defineService({
  practice: 'configuration',
  title: 'Configuration management (CMDB)',
  description:
    'Knows what the organisation has and how it fits together: CI classes, CIs, relationships, impact analysis, imports.',
  version: '0.2.0',
  modules: [
    ClassesModule,
    CisModule,
    HistoryModule,
    RelationshipsModule,
    ImpactModule,
    ImportsModule,
    ProvisioningModule,
    ChangeHistoryModule,
  ],
  entities: [CiClass, ConfigurationItem, Relationship, RelationshipRuleRow, DataSourceRank],
  migrations: [CreateCmdb1764500000000, GraphChanges1764700000000, ProvisionedCis1764900000000],
});
