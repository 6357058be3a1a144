import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { RequestState } from './domain/fulfilment-states';

/** A request (REQ): one or more requested items ordered together, a cart. */
@Audited({ entityType: 'request', ignore: ['number'] })
@Entity({ name: 'requests' })
export class Request extends VersionedEntity {
  /** REQ0000001…: from a sequence, so never reused. */
  @Column({
    type: 'text',
    update: false,
    default: () => `'REQ' || lpad(nextval('request_number')::text, 7, '0')`,
  })
  number!: string;

  @Column({ type: 'text' })
  state!: RequestState;

  @Column({ name: 'requested_by', type: 'text', update: false })
  requestedBy!: string;

  @Column({ name: 'requested_for', type: 'text' })
  requestedFor!: string;

  @Column({ name: 'opened_at', type: 'timestamptz', update: false })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
