import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RelatedCi } from './domain/footprint';

/**
 * The CMDB's last answer about the neighbourhood of a change's CIs (from `impact.calculated`): the
 * CIs near them both ways with a path to each, and the business services they impact. Not the
 * graph: only what one change's conflict check reads. The table also holds `related_ci_ids`, the
 * related CIs' ids that `record-footprint.ts` writes from `related`, for finding the footprints
 * holding a CI (`refresh-footprints.ts`); nothing here reads it.
 */
@Entity({ name: 'change_footprints' })
export class ChangeFootprint {
  @PrimaryColumn({ name: 'change_id', type: 'uuid' })
  changeId!: string;

  /** The CIs the answer was computed for. */
  @Column({ name: 'ci_ids', type: 'uuid', array: true })
  ciIds!: string[];

  @Column({ type: 'jsonb' })
  related!: RelatedCi[];

  @Column({ name: 'service_ids', type: 'uuid', array: true })
  serviceIds!: string[];

  /** How far the CMDB looked. */
  @Column({ type: 'integer' })
  depth!: number;

  @Column({ type: 'boolean' })
  truncated!: boolean;

  @Column({ name: 'calculated_at', type: 'timestamptz' })
  calculatedAt!: Date;
}
