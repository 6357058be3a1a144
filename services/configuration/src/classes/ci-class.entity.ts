import { VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { AttributeDefinition } from './domain/attribute-schema';
import type { ClassNode, IdentifierField } from './domain/class-hierarchy';

/** A kind of CI, as data: its place in the hierarchy, its attributes and how its CIs are identified. */
@Entity({ name: 'ci_classes' })
export class CiClass extends VersionedEntity implements ClassNode {
  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attributes!: AttributeDefinition[];

  @Column({ name: 'identification_rules', type: 'jsonb', default: () => "'[]'" })
  identificationRules!: IdentifierField[][];
}
