import { Audited } from '@itsm/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A person as the catalog needs to know them when somebody else's token is not at hand: their
 * manager (who approves their requests) and groups (what may be ordered for them).
 */
@Audited({ entityType: 'person', ignore: ['updatedAt'] })
@Entity({ name: 'people' })
export class Person {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  id!: string;

  @Column({ name: 'manager_id', type: 'text', nullable: true })
  managerId!: string | null;

  @Column({ type: 'text', array: true })
  groups!: string[];

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
