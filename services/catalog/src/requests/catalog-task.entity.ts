import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { CatalogTaskState } from './domain/fulfilment-states';

/** A catalog task (SCTASK): one step of a requested item's fulfilment plan, for a group. */
@Audited({ entityType: 'catalog_task', ignore: ['number'] })
@Entity({ name: 'catalog_tasks' })
export class CatalogTask extends VersionedEntity {
  @Column({
    type: 'text',
    update: false,
    default: () => `'SCTASK' || lpad(nextval('catalog_task_number')::text, 7, '0')`,
  })
  number!: string;

  @Column({ name: 'requested_item_id', type: 'uuid', update: false })
  requestedItemId!: string;

  @Column({ name: 'request_id', type: 'uuid', update: false })
  requestId!: string;

  @Column({ type: 'integer', update: false })
  stage!: number;

  @Column({ name: 'short_description', type: 'text', update: false })
  shortDescription!: string;

  @Column({ name: 'assignment_group', type: 'text' })
  assignmentGroup!: string;

  @Column({ type: 'text' })
  state!: CatalogTaskState;

  @Column({ name: 'opened_at', type: 'timestamptz', update: false })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;
}
