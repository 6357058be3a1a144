import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { Answers } from '../catalog-items/domain/variables';
import type { RequestedItemState } from './domain/fulfilment-states';
import type { Provisioning } from '../provisioning/domain/provisioning-outcome';

/** A requested item (RITM): one catalog item of a request, made from the version then published. */
@Audited({ entityType: 'requested_item', ignore: ['number', 'position'] })
@Entity({ name: 'requested_items' })
export class RequestedItem extends VersionedEntity {
  @Column({
    type: 'text',
    update: false,
    default: () => `'RITM' || lpad(nextval('requested_item_number')::text, 7, '0')`,
  })
  number!: string;

  @Column({ name: 'request_id', type: 'uuid', update: false })
  requestId!: string;

  /** Its place in the cart, from 0. */
  @Column({ type: 'integer', update: false })
  position!: number;

  @Column({ name: 'catalog_item_id', type: 'uuid', update: false })
  catalogItemId!: string;

  @Column({ name: 'catalog_item_version', type: 'integer', update: false })
  catalogItemVersion!: number;

  @Column({ name: 'catalog_item_name', type: 'text', update: false })
  catalogItemName!: string;

  @Column({ type: 'integer', update: false })
  quantity!: number;

  /** The answers to the form, with the defaults filled in. */
  @Column({ type: 'jsonb', update: false })
  variables!: Answers;

  @Column({ type: 'text' })
  state!: RequestedItemState;

  @Column({ name: 'requested_for', type: 'text' })
  requestedFor!: string;

  @Column({ name: 'opened_at', type: 'timestamptz', update: false })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Flow 7: what was asked of the CMDB and the change service, and their answers; null: nothing. */
  @Column({ type: 'jsonb', nullable: true })
  provisioning!: Provisioning | null;
}
