import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';
import type { BlackoutScope } from '../conflicts/domain/conflict-rules';

/** A freeze: no change in its window, globally or on the CIs or business services it names. */
@Audited({ entityType: 'blackout_window' })
@Entity({ name: 'blackout_windows' })
export class BlackoutWindow extends VersionedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  start!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  end!: Date;

  @Column({ type: 'text' })
  scope!: BlackoutScope;

  @Column({ name: 'ci_ids', type: 'uuid', array: true, default: () => "'{}'" })
  ciIds!: string[];

  @Column({ name: 'service_ids', type: 'uuid', array: true, default: () => "'{}'" })
  serviceIds!: string[];

  @Column({ name: 'created_by', type: 'text', update: false })
  createdBy!: string;
}
