import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApprovalRule, ItemDefinition, PlanStep, Price } from './domain/item-definition';
import type { VersionedState } from '@itsm/versioning';
import type { ProvisioningRule } from '../provisioning/domain/provisioning-rule';
import type { VariableDefinition } from './domain/variables';

/** What a request is made from. A published or retired version never changes again. */
@Entity({ name: 'catalog_item_versions' })
export class CatalogItemVersion implements ItemDefinition {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  state!: VersionedState;

  @Column({ name: 'short_description', type: 'text' })
  shortDescription!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'category_id', type: 'uuid', nullable: true })
  categoryId!: string | null;

  @Column({ type: 'jsonb' })
  variables!: VariableDefinition[];

  @Column({ type: 'jsonb' })
  plan!: PlanStep[];

  @Column({ type: 'jsonb' })
  approval!: ApprovalRule;

  @Column({ type: 'jsonb', nullable: true })
  price!: Price | null;

  @Column({ name: 'delivery_target_hours', type: 'integer', nullable: true })
  deliveryTargetHours!: number | null;

  @Column({ name: 'orderable_by', type: 'text', array: true, nullable: true })
  orderableBy!: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  provisioning!: ProvisioningRule | null;

  @Column({ name: 'edited_by', type: 'text' })
  editedBy!: string;

  @Column({ name: 'edited_at', type: 'timestamptz' })
  editedAt!: Date;

  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
