import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RelationshipType } from './domain/relationship-types';

/** A directed, typed edge: the source depends_on / runs_on / … the target. */
@Entity({ name: 'relationships' })
export class Relationship {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  type!: RelationshipType;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'relationship_rules' })
export class RelationshipRuleRow {
  @Column({ type: 'text', primary: true })
  type!: RelationshipType;

  @Column({ name: 'source_class', type: 'text', primary: true })
  sourceClass!: string;

  @Column({ name: 'target_class', type: 'text', primary: true })
  targetClass!: string;
}
